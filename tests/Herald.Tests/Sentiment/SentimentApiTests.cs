using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Sentiment;

/// <summary>POST /api/v1/sentiment: signed-in members only, one text or a batch, problem+json on bad input.</summary>
public sealed class SentimentApiTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() => _herald = await HeraldInstance.StartAsync();

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task One_text_gets_a_label_a_score_and_a_language()
    {
        var response = await _herald.PostAsync("/api/v1/sentiment", new { text = "Je n'aime pas du tout ce service", lang = "auto" });
        await HeraldInstance.EnsureAsync(response, 200);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("negative", (string)body["label"]!);
        Assert.Equal("fr", (string)body["lang"]!);
        Assert.InRange((double)body["score"]!, -1, -0.05);
    }

    [Fact]
    public async Task A_batch_gets_one_answer_per_text_in_order()
    {
        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        var response = await viewer.PostAsJsonAsync("/api/v1/sentiment", new { texts = new[] { "I love it", "meh, it broke", "The meeting is at 5pm in room 4" }, lang = "en" });
        await HeraldInstance.EnsureAsync(response, 200);
        var body = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(["positive", "negative", "neutral"], body.Select(b => (string)b!["label"]!));
        Assert.All(body, b => Assert.Equal("en", (string)b!["lang"]!));
    }

    [Fact]
    public async Task Without_a_token_it_is_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = _herald.BaseAddress };
        var response = await anonymous.PostAsJsonAsync("/api/v1/sentiment", new { text = "hello" });
        Assert.Equal(401, (int)response.StatusCode);
    }

    public static TheoryData<string> BadBodies => new()
    {
        """{"text":""}""",
        """{"text":"   "}""",
        """{}""",
        """{"texts":[]}""",
        """{"texts":["ok", ""]}""",
        """{"text":"ok","lang":"de"}""",
        """{"text":"ok","texts":["ok"]}""",
        """{"text":""" + "\"" + new string('a', 10_001) + "\"}",
        """{"texts":[""" + string.Join(',', Enumerable.Repeat("\"ok\"", 1001)) + "]}",
        """{"text":""",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_problem(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await _herald.Client.PostAsync("/api/v1/sentiment", content);
        await HeraldInstance.EnsureAsync(response, 400);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
