using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Listening.Sources.Bluesky;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Tests.Listening;

[Collection(BlueskyPdsCollection.Name)]
public sealed class FirehoseTests(BlueskyPds pds)
{
    private sealed class MemoryCursor : IStreamCursor
    {
        public long? Value { get; set; }

        public Task<long?> LoadAsync(string stream, CancellationToken ct) => Task.FromResult(Value);

        public Task SaveAsync(string stream, long seq, CancellationToken ct)
        {
            Value = seq;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Posts_created_on_the_PDS_arrive_through_the_event_stream_and_resume_after_a_disconnect_without_loss_or_duplicates()
    {
        var account = await pds.CreateAccountAsync("listen");
        var token = await SessionAsync(account);
        var seen = new ConcurrentQueue<FirehosePost>();
        var cursor = new MemoryCursor { Value = 0 }; // replay from the start: no race with the first posts
        Task Handle(FirehoseFrame frame, CancellationToken ct)
        {
            foreach (var p in frame.Posts.Where(p => p.Did == account.Did))
            {
                seen.Enqueue(p);
            }
            return Task.CompletedTask;
        }

        var created = new List<string>();
        using (var first = new CancellationTokenSource())
        {
            var subscriber = new FirehoseSubscriber(new Uri(pds.ServiceUrl), cursor, Handle, NullLogger.Instance);
            var run = subscriber.RunOnceAsync(first.Token);
            for (var i = 0; i < 3; i++)
            {
                created.Add(await PostAsync(account, token, $"Le café Herald n°{i} est prêt #launch"));
            }
            await WaitForAsync(() => seen.Count >= 3);
            await first.CancelAsync(); // the socket is dropped mid-stream
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        var savedAt = cursor.Value;
        for (var i = 3; i < 6; i++)
        {
            created.Add(await PostAsync(account, token, $"Le café Herald n°{i} est prêt #launch")); // written while nobody listens
        }
        using (var second = new CancellationTokenSource())
        {
            // A new subscriber, as after a restart: it starts from the saved cursor.
            var subscriber = new FirehoseSubscriber(new Uri(pds.ServiceUrl), cursor, Handle, NullLogger.Instance);
            var run = subscriber.RunOnceAsync(second.Token);
            await WaitForAsync(() => seen.Count >= 6);
            await Task.Delay(500); // a duplicate would arrive right behind
            await second.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        Assert.True(cursor.Value > savedAt);
        var posts = seen.ToArray();
        Assert.Equal(created, posts.Select(p => p.Uri).ToArray());
        Assert.All(posts, p => Assert.Equal(["fr"], p.Langs));
        Assert.Equal("Le café Herald n°4 est prêt #launch", posts[4].Text);
        Assert.True(posts.Zip(posts.Skip(1)).All(x => x.First.Seq < x.Second.Seq));
    }

    private async Task<string> SessionAsync(BlueskyTestAccount account)
    {
        using var response = await pds.Http.PostAsJsonAsync($"{pds.ServiceUrl}/xrpc/com.atproto.server.createSession", new { identifier = account.Handle, password = account.Password });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("accessJwt").GetString()!;
    }

    private async Task<string> PostAsync(BlueskyTestAccount account, string token, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{pds.ServiceUrl}/xrpc/com.atproto.repo.createRecord")
        {
            Content = JsonContent.Create(new
            {
                repo = account.Did,
                collection = "app.bsky.feed.post",
                record = new Dictionary<string, object> { ["$type"] = "app.bsky.feed.post", ["text"] = text, ["langs"] = new[] { "fr" }, ["createdAt"] = "2026-11-23T22:00:00.000Z" },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await pds.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("uri").GetString()!;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition(), "timed out waiting for the event stream");
    }
}
