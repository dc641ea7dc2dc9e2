using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Teams;

/// <summary>Every endpoint checks the caller's role in the workspace.</summary>
public sealed class RoleTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;
    private string _account = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync();
        _account = await _herald.ConnectSandboxAsync();
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task A_viewer_sees_posts_but_cannot_schedule_or_connect()
    {
        var viewer = await _herald.ClientForRoleAsync(Role.Viewer);
        var schedule = await viewer.PostAsJsonAsync("/api/v1/posts", new { text = "Hi", accountIds = new[] { _account }, scheduledAt = "2030-01-01T09:00:00", timeZone = "UTC" });
        await HeraldInstance.EnsureAsync(schedule, 403);
        Assert.Contains("viewer", await schedule.Content.ReadAsStringAsync());
        var connect = await viewer.PostAsJsonAsync("/api/v1/accounts", new { network = "sandbox", name = "x" });
        await HeraldInstance.EnsureAsync(connect, 403);
        await HeraldInstance.EnsureAsync(await viewer.GetAsync("/api/v1/posts"), 200);
        await HeraldInstance.EnsureAsync(await viewer.GetAsync("/api/v1/accounts"), 200);
    }

    [Fact]
    public async Task A_contributor_writes_drafts_but_cannot_schedule_them()
    {
        var contributor = await _herald.ClientForRoleAsync(Role.Contributor);
        var draft = await contributor.PostAsJsonAsync("/api/v1/posts", new { text = "Idea", accountIds = new[] { _account } });
        await HeraldInstance.EnsureAsync(draft, 201);
        var now = await contributor.PostAsJsonAsync("/api/v1/posts", new { text = "Now", accountIds = new[] { _account }, publishNow = true });
        await HeraldInstance.EnsureAsync(now, 403);
    }

    [Fact]
    public async Task An_editor_schedules_but_cannot_connect_accounts()
    {
        var editor = await _herald.ClientForRoleAsync(Role.Editor);
        var post = await editor.PostAsJsonAsync("/api/v1/posts", new { text = "Go", accountIds = new[] { _account }, scheduledAt = "2030-01-01T09:00:00", timeZone = "UTC" });
        await HeraldInstance.EnsureAsync(post, 201);
        var connect = await editor.PostAsJsonAsync("/api/v1/accounts", new { network = "sandbox", name = "x" });
        await HeraldInstance.EnsureAsync(connect, 403);
    }

    [Fact]
    public async Task Someone_outside_the_workspace_cannot_see_its_posts()
    {
        var post = await _herald.CreatePostAsync(new { text = "Secret plan", accountIds = new[] { _account } });
        HttpClient outsider;
        await using (var scope = _herald.Services.CreateAsyncScope())
        {
            var teams = scope.ServiceProvider.GetRequiredService<Herald.Teams.TeamService>();
            var user = await teams.AddUserAsync("outsider@example.test", "correct horse battery staple", admin: false, default);
            await teams.CreateWorkspaceAsync("Other brand", user.Id, "UTC", default);
            var (_, token) = await scope.ServiceProvider.GetRequiredService<Herald.Teams.ApiTokens>().CreateAsync(user.Id, "t", default);
            outsider = new HttpClient { BaseAddress = _herald.BaseAddress };
            outsider.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        await HeraldInstance.EnsureAsync(await outsider.GetAsync($"/api/v1/posts/{post["id"]}"), 404);
        var list = await outsider.GetFromJsonAsync<JsonArray>("/api/v1/posts");
        Assert.Empty(list!);
    }

    [Fact]
    public async Task No_token_or_a_bad_token_is_401()
    {
        using var anonymous = new HttpClient { BaseAddress = _herald.BaseAddress };
        Assert.Equal(401, (int)(await anonymous.GetAsync("/api/v1/posts")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "hrd_not-a-token");
        Assert.Equal(401, (int)(await anonymous.GetAsync("/api/v1/posts")).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_are_served()
    {
        using var anonymous = new HttpClient { BaseAddress = _herald.BaseAddress };
        var health = await anonymous.GetFromJsonAsync<JsonObject>("/healthz");
        Assert.Equal("ok", (string)health!["status"]!);
        Assert.Equal("running", (string)health["dispatcher"]!["state"]!);
        var openapi = await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = openapi!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/posts", paths);
        Assert.Contains("/api/v1/accounts", paths);
        Assert.Contains("/api/v1/calendar", paths);
    }
}
