using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;
using Herald.Tests.Publishing;

namespace Herald.Tests.EndToEnd;

/// <summary>Herald's API, dispatcher and Bluesky connector together, against a real PDS on 127.0.0.1.</summary>
[Collection(BlueskyPdsCollection.Name)]
public sealed class BlueskyEndToEndTests(BlueskyPds pds) : IAsyncLifetime
{
    private HeraldInstance _herald = null!;
    private BlueskyTestAccount _alice = null!;
    private string _account = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync();
        _alice = await pds.CreateAccountAsync("alice");
        _account = (string)(await _herald.ConnectAsync(new { network = "bluesky", service = pds.ServiceUrl, identifier = _alice.Handle, password = _alice.Password }))["id"]!;
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private async Task<int> RecordCountAsync()
    {
        var page = await pds.Http.GetFromJsonAsync<JsonElement>($"{pds.ServiceUrl}/xrpc/com.atproto.repo.listRecords?repo={_alice.Did}&collection=app.bsky.feed.post&limit=100");
        return page.GetProperty("records").GetArrayLength();
    }

    [Fact]
    public async Task A_post_with_a_link_a_mention_a_hashtag_and_an_image_reaches_the_PDS_with_facets_and_alt_text()
    {
        var bob = await pds.CreateAccountAsync("bob");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(TestImages.Png(600, 3, 2)), "file", "chart.png");
        form.Add(new StringContent("A chart of our growth"), "altText");
        var upload = await _herald.Client.PostAsync("/api/v1/media", form);
        await HeraldInstance.EnsureAsync(upload, 201);
        var mediaId = (string)(await upload.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var text = $"Café ☕ with @{bob.Handle} — read https://example.com/news #launch";
        var post = await _herald.CreatePostAsync(new { text, accountIds = new[] { _account }, mediaIds = new[] { mediaId }, publishNow = true });
        var published = await _herald.WaitForStatusAsync((string)post["id"]!, "published");
        var delivery = published["deliveries"]![0]!;
        var uri = (string)delivery["remoteId"]!;
        Assert.StartsWith($"at://{_alice.Did}/app.bsky.feed.post/", uri);
        Assert.StartsWith($"https://bsky.app/profile/{_alice.Handle}/post/", (string)delivery["url"]!);

        var record = (await pds.GetRecordAsync(uri)).GetProperty("value");
        Assert.Equal(text, record.GetProperty("text").GetString());
        var facets = record.GetProperty("facets").EnumerateArray().ToList();
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        string Slice(JsonElement f) => System.Text.Encoding.UTF8.GetString(bytes,
            f.GetProperty("index").GetProperty("byteStart").GetInt32(),
            f.GetProperty("index").GetProperty("byteEnd").GetInt32() - f.GetProperty("index").GetProperty("byteStart").GetInt32());
        var kinds = facets.ToDictionary(f => f.GetProperty("features")[0].GetProperty("$type").GetString()!, f => f);
        Assert.Equal($"@{bob.Handle}", Slice(kinds["app.bsky.richtext.facet#mention"]));
        Assert.Equal(bob.Did, kinds["app.bsky.richtext.facet#mention"].GetProperty("features")[0].GetProperty("did").GetString());
        Assert.Equal("https://example.com/news", Slice(kinds["app.bsky.richtext.facet#link"]));
        Assert.Equal("#launch", Slice(kinds["app.bsky.richtext.facet#tag"]));
        var image = record.GetProperty("embed").GetProperty("images")[0];
        Assert.Equal("A chart of our growth", image.GetProperty("alt").GetString());
        Assert.Equal(3, image.GetProperty("aspectRatio").GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task A_text_over_300_graphemes_is_refused_before_anything_is_sent()
    {
        var before = await RecordCountAsync();
        var response = await _herald.PostAsync("/api/v1/posts", new { text = new string('a', 301), accountIds = new[] { _account }, publishNow = true });
        await HeraldInstance.EnsureAsync(response, 422);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("Bluesky allows 300", (string)problem["detail"]!);
        Assert.Equal(_account, (string)problem["violations"]![0]!["accountId"]!);
        Assert.Equal(before, await RecordCountAsync());
    }

    [Fact]
    public async Task A_long_text_becomes_a_thread_of_replies_and_can_be_deleted_from_the_network()
    {
        var text = string.Join(' ', Enumerable.Range(1, 90).Select(i => $"word{i}"));
        var post = await _herald.CreatePostAsync(new { text, accountIds = new[] { _account }, publishNow = true, thread = true });
        var id = (string)post["id"]!;
        var published = await _herald.WaitForStatusAsync(id, "published");
        var parts = published["deliveries"]![0]!["parts"]!.AsArray();
        Assert.True(parts.Count >= 2);
        var root = (string)parts[0]!["remoteId"]!;
        var second = (await pds.GetRecordAsync((string)parts[1]!["remoteId"]!)).GetProperty("value");
        Assert.Equal(root, second.GetProperty("reply").GetProperty("root").GetProperty("uri").GetString());
        Assert.Equal(root, second.GetProperty("reply").GetProperty("parent").GetProperty("uri").GetString());
        Assert.Equal(parts.Count, await RecordCountAsync());

        var delete = await _herald.Client.DeleteAsync($"/api/v1/posts/{id}?fromNetworks=true");
        await HeraldInstance.EnsureAsync(delete, 204);
        Assert.Equal(0, await RecordCountAsync());
        await HeraldInstance.EnsureAsync(await _herald.Client.GetAsync($"/api/v1/posts/{id}"), 404);
    }

    [Fact]
    public async Task A_wrong_app_password_is_refused_with_the_PDS_message()
    {
        var response = await _herald.PostAsync("/api/v1/accounts", new { network = "bluesky", service = pds.ServiceUrl, identifier = _alice.Handle, password = "wrong-password" });
        await HeraldInstance.EnsureAsync(response, 422);
        Assert.Contains("Invalid identifier or password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unreachable_PDS_is_a_clear_502()
    {
        var response = await _herald.PostAsync("/api/v1/accounts", new { network = "bluesky", service = "http://127.0.0.1:9", identifier = _alice.Handle, password = _alice.Password });
        await HeraldInstance.EnsureAsync(response, 502);
        Assert.Contains("Could not reach Bluesky", await response.Content.ReadAsStringAsync());
    }
}
