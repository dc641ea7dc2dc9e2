using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Networks;
using Herald.Publishing;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Publishing;

/// <summary>Validation before scheduling: every violation, per account, as problem+json 422; warnings that do not block.</summary>
public sealed class ValidationApiTests : IAsyncLifetime
{
    private readonly ScriptedNetwork _network = new() { DefaultRules = new NetworkRules { MaxGraphemes = 20, MaxImages = 1, MaxImageBytes = 2_000 } };
    private HeraldInstance _herald = null!;
    private string _scripted = null!;
    private string _sandbox = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync(services: s => s.AddSingleton<INetworkConnector>(_network));
        _scripted = (string)(await _herald.ConnectAsync(new { network = "scripted", name = "short" }))["id"]!;
        _sandbox = await _herald.ConnectSandboxAsync();
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    private async Task<string> UploadPngAsync(int bytes, string? alt)
    {
        var png = TestImages.Png(bytes);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        if (alt is not null)
        {
            form.Add(new StringContent(alt), "altText");
        }
        var response = await _herald.Client.PostAsync("/api/v1/media", form);
        await HeraldInstance.EnsureAsync(response, 201);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    [Fact]
    public async Task Every_violation_is_listed_per_account_as_problem_json()
    {
        var image1 = await UploadPngAsync(3_000, "A chart");
        var image2 = await UploadPngAsync(500, "Another chart");
        var response = await _herald.PostAsync("/api/v1/posts", new
        {
            text = "This text is longer than twenty characters",
            accountIds = new[] { _scripted, _sandbox },
            mediaIds = new[] { image1, image2 },
            publishNow = true,
        });
        await HeraldInstance.EnsureAsync(response, 422);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var violations = problem["violations"]!.AsArray().Select(v => v!.AsObject()).ToList();
        var mine = violations.Where(v => (string)v["accountId"]! == _scripted).Select(v => (string)v["code"]!).ToList();
        Assert.Contains("too_long", mine);
        Assert.Contains("too_many_images", mine);
        Assert.Contains("media_too_large", mine);
        Assert.DoesNotContain(violations, v => (string)v["accountId"]! == _sandbox && !(bool)v["warning"]!);
        Assert.Contains("allows 20", (string)problem["detail"]!);
        Assert.Empty(_network.Calls);
    }

    [Fact]
    public async Task Missing_alt_text_is_a_warning_that_does_not_block()
    {
        var image = await UploadPngAsync(500, null);
        var post = await _herald.CreatePostAsync(new { text = "Look", accountIds = new[] { _sandbox }, mediaIds = new[] { image }, publishNow = true });
        Assert.Contains(post["warnings"]!.AsArray(), w => (string)w!["code"]! == "alt_text_missing");
        await _herald.WaitForStatusAsync((string)post["id"]!, "published");
    }

    [Fact]
    public async Task A_draft_is_saved_even_when_it_breaks_the_rules_and_says_why()
    {
        var post = await _herald.CreatePostAsync(new { text = "This text is longer than twenty characters", accountIds = new[] { _scripted } });
        Assert.Equal("draft", (string)post["status"]!);
        Assert.Contains(post["warnings"]!.AsArray(), w => (string)w!["code"]! == "too_long");
    }

    [Fact]
    public async Task A_long_text_becomes_a_numbered_thread_when_asked()
    {
        var post = await _herald.CreatePostAsync(new { text = "One two three four five six seven eight nine ten", accountIds = new[] { _scripted }, publishNow = true, thread = true });
        var parts = post["deliveries"]![0]!["parts"]!.AsArray().Select(p => (string)p!["text"]!).ToList();
        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.True(TextMeasure.Graphemes(p) <= 20, p));
        Assert.Equal($"One two three 1/{parts.Count}", parts[0]);
        await _herald.WaitForStatusAsync((string)post["id"]!, "published");
        Assert.Equal(parts.Count, _network.CreatedCount.Count);
    }

    [Fact]
    public async Task Per_account_variants_replace_the_shared_text()
    {
        var post = await _herald.CreatePostAsync(new
        {
            text = "This shared text is far too long for the short network",
            accountIds = new[] { _scripted, _sandbox },
            variants = new Dictionary<string, object> { [_scripted] = new { text = "Short variant" } },
            publishNow = true,
        });
        await _herald.WaitForStatusAsync((string)post["id"]!, "published");
        Assert.Equal("Short variant", _network.Calls.Single().Text);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var content = new StringContent("{\"text\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await _herald.Client.PostAsync("/api/v1/posts", content);
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_media_is_refused()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent("<svg onload=alert(1)>"u8.ToArray()), "file", "evil.png" } };
        var response = await _herald.Client.PostAsync("/api/v1/media", form);
        await HeraldInstance.EnsureAsync(response, 415);
    }
}

/// <summary>Valid PNG files of a chosen size, for upload tests.</summary>
public static class TestImages
{
    public static byte[] Png(int size, int width = 2, int height = 2)
    {
        // A real 2x2 PNG, padded with a private ancillary chunk to reach the size wanted.
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(ms, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
        var raw = new byte[height * ((width * 3) + 1)];
        using var z = new MemoryStream();
        using (var zs = new System.IO.Compression.ZLibStream(z, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zs.Write(raw);
        }
        Chunk(ms, "IDAT", z.ToArray());
        var padding = Math.Max(0, size - (int)ms.Length - 12 - 12);
        Chunk(ms, "heRa", new byte[padding]);
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static void Chunk(Stream s, string type, byte[] data)
    {
        s.Write(BigEndian(data.Length));
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        s.Write(BigEndian((int)Crc32([.. typeBytes, .. data])));
    }
}
