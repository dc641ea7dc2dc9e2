using System.Collections.Concurrent;
using System.Text.Json;
using Herald.Networks;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A network whose answers a test scripts, holding its own "remote" state keyed by idempotency key, so a test can tell
/// exactly how many times something was really published. Used for dispatcher behaviour; real networks have their own tests.
/// </summary>
public sealed class ScriptedNetwork : INetworkConnector
{
    private readonly ConcurrentQueue<Step> _script = new();
    private int _sequence;

    public string Network => "scripted";

    public NetworkRules DefaultRules { get; set; } = new() { MaxGraphemes = 100, AccountConcurrency = 8, NetworkConcurrency = 64, MaxImages = 4 };

    /// <summary>What is on the "network": idempotency key to post, and how many times each key was created.</summary>
    public ConcurrentDictionary<string, RemotePost> Remote { get; } = new();
    public ConcurrentDictionary<string, int> CreatedCount { get; } = new();
    public ConcurrentBag<(string Key, string Text, string? ParentId)> Calls { get; } = [];
    public int LookupCount;
    public Func<PartToPublish, CancellationToken, Task>? BeforePublish { get; set; }

    /// <summary>A failure the network answers without creating anything.</summary>
    public void Fail(FailureKind kind, string message = "scripted failure", TimeSpan? retryAfter = null) =>
        _script.Enqueue(new Step(new NetworkFailure(kind, message, retryAfter), CreateAnyway: false));

    /// <summary>The post is created, but the answer is lost (a time-out after sending).</summary>
    public void LoseResponse() =>
        _script.Enqueue(new Step(new NetworkFailure(FailureKind.UnknownOutcome, "The network did not answer in time."), CreateAnyway: true));

    public Task<NetworkResult<ConnectedAccount>> ConnectAsync(JsonElement request, CancellationToken ct)
    {
        if (request.TryGetProperty("password", out var p) && p.GetString() == "wrong")
        {
            return Task.FromResult<NetworkResult<ConnectedAccount>>(new NetworkFailure(FailureKind.AuthExpired, "Invalid identifier or password", StatusCode: 401));
        }
        var name = request.TryGetProperty("name", out var n) ? n.GetString() ?? "scripted" : "scripted";
        return Task.FromResult(NetworkResult<ConnectedAccount>.Success(new ConnectedAccount(name, name + ".scripted", "remote-" + name, "scripted://", "{\"token\":\"secret-token\"}")));
    }

    public string? NewRecordKey() => null;

    public async Task<NetworkResult<RemotePost>> PublishAsync(PublishContext context, PartToPublish part, ThreadRefs? thread, CancellationToken ct)
    {
        Calls.Add((part.IdempotencyKey, part.Text, thread?.Parent.RemoteId));
        if (BeforePublish is not null)
        {
            await BeforePublish(part, ct);
        }
        if (_script.TryDequeue(out var step))
        {
            if (step.CreateAnyway)
            {
                Create(part);
            }
            return step.Failure;
        }
        return NetworkResult<RemotePost>.Success(Create(part));
    }

    private RemotePost Create(PartToPublish part)
    {
        CreatedCount.AddOrUpdate(part.IdempotencyKey, 1, (_, c) => c + 1);
        return Remote.GetOrAdd(part.IdempotencyKey, _ =>
        {
            var id = Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new RemotePost(id, $"https://scripted.example/posts/{id}");
        });
    }

    public Task<NetworkResult<LookupResult>> FindAsync(PublishContext context, PartToPublish part, CancellationToken ct)
    {
        Interlocked.Increment(ref LookupCount);
        return Task.FromResult(NetworkResult<LookupResult>.Success(
            Remote.TryGetValue(part.IdempotencyKey, out var post) ? LookupResult.Found(post) : LookupResult.NotFound));
    }

    public Task<NetworkResult<bool>> DeleteAsync(PublishContext context, string remoteId, CancellationToken ct)
    {
        foreach (var (key, post) in Remote)
        {
            if (post.RemoteId == remoteId)
            {
                Remote.TryRemove(key, out _);
            }
        }
        return Task.FromResult(NetworkResult<bool>.Success(true));
    }

    private sealed record Step(NetworkFailure Failure, bool CreateAnyway);
}
