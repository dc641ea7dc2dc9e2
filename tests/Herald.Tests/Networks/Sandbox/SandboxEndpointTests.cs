using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Herald.Data;
using Herald.Networks.Sandbox;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Networks.Sandbox;

public sealed class SandboxEndpointTests : IAsyncLifetime
{
    private readonly string _folder = SandboxHarness.NewFolder();
    private readonly FakeTimeProvider _time = new(SandboxHarness.Start);
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_time);
        SandboxHarness.AddDatabase(builder.Services, _folder);
        builder.Services.AddSandboxNetwork();
        builder.Services.AddAuthentication(TestAuth.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuth>(TestAuth.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Herald.Teams.WorkspaceAccess>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Herald.Hosting.ProblemHandling>();
        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapSandboxEndpoints();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            await db.Database.EnsureCreatedAsync();
            // The account "acc" belongs to workspace "ws", where user-1 is a viewer.
            db.Accounts.Add(new Account { Id = "acc", WorkspaceId = "ws", Network = "sandbox", Name = "demo", Status = AccountStatus.Active });
            db.Memberships.Add(new Membership { WorkspaceId = "ws", UserId = "user-1", Role = Role.Viewer });
            await db.SaveChangesAsync();
        }
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void The_post_page_encodes_user_text()
    {
        var post = new SandboxPost { AccountId = "a", IdempotencyKey = "k", Text = "<script>alert('x')</script> & \"quotes\"" };
        var reply = new SandboxEvent { AccountId = "a", Kind = "reply", AuthorHandle = "x<b>.sandbox", AuthorName = "<img src=x onerror=1>", Text = "<script>", Lang = "en" };

        var html = SandboxPostPage.Render(post, "<i>Name</i>", "demo.sandbox", new SandboxPostMetrics(post.Id, 1, 2, 3, 4, 0, 0, 100, SandboxHarness.Start), [reply]);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Sandbox — simulated network, not a real post", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_post_opens_at_its_url_clearly_labelled_and_encoded()
    {
        var post = await PublishAsync("Hello <script>alert(1)</script> café 🎉");
        _time.Advance(TimeSpan.FromDays(3));

        var response = await _client.GetAsync(post.Url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("simulated network, not a real post", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("café", html, StringComparison.Ordinal);
        Assert.Contains("Replies so far", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_and_deleted_posts_are_not_shown()
    {
        var post = await PublishAsync("Short-lived");
        var connector = _app.Services.GetRequiredService<SandboxConnector>();
        await connector.DeleteAsync(Context(), post.RemoteId, CancellationToken.None);

        var deleted = await _client.GetAsync(post.Url);
        var unknown = await _client.GetAsync("/sandbox/posts/nothing-here");

        Assert.Equal(HttpStatusCode.Gone, deleted.StatusCode);
        Assert.DoesNotContain("Short-lived", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_event_feed_requires_a_signed_in_user()
    {
        var response = await _client.GetAsync("/api/v1/sandbox/accounts/acc/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_event_feed_returns_visible_events_and_a_cursor_to_continue()
    {
        await PublishAsync("Feed me #api");
        _time.Advance(TimeSpan.FromDays(1));
        _client.DefaultRequestHeaders.Add(TestAuth.Header, "user-1");

        var first = await _client.GetFromJsonAsync<SandboxEventsPage>("/api/v1/sandbox/accounts/acc/events?limit=3");
        var second = await _client.GetFromJsonAsync<SandboxEventsPage>($"/api/v1/sandbox/accounts/acc/events?limit=3&after={Uri.EscapeDataString(first!.Next!)}");
        var bad = await _client.GetAsync("/api/v1/sandbox/accounts/acc/events?after=soon");

        Assert.Equal(3, first.Events.Count);
        Assert.NotEmpty(second!.Events);
        Assert.Empty(first.Events.Select(e => e.Id).Intersect(second.Events.Select(e => e.Id)));
        Assert.True(second.Events[0].OccursAt >= first.Events[^1].OccursAt);
        Assert.All(first.Events, e => Assert.True(e.OccursAt <= _time.GetUtcNow()));
        // Reactions to a post link to it; the account's spontaneous follows and mentions have no post.
        var all = first.Events.Concat(second.Events).ToList();
        Assert.All(all.Where(e => e.PostUrl is not null), e => Assert.StartsWith("/sandbox/posts/", e.PostUrl, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_event_feed_is_only_for_members_of_the_account_workspace()
    {
        _client.DefaultRequestHeaders.Add(TestAuth.Header, "stranger");

        var foreign = await _client.GetAsync("/api/v1/sandbox/accounts/acc/events");
        var unknown = await _client.GetAsync("/api/v1/sandbox/accounts/nothing/events");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private Herald.Networks.PublishContext Context() => new()
    {
        AccountId = "acc",
        WorkspaceId = "ws",
        Handle = "demo.sandbox",
        Rules = _app.Services.GetRequiredService<SandboxConnector>().DefaultRules,
        CredentialsJson = "{}",
        SaveCredentialsAsync = (_, _, _) => Task.CompletedTask,
    };

    private async Task<Herald.Networks.RemotePost> PublishAsync(string text)
    {
        var connector = _app.Services.GetRequiredService<SandboxConnector>();
        var result = await connector.PublishAsync(Context(), SandboxHarness.Part(text, Guid.NewGuid().ToString()), null, CancellationToken.None);
        Assert.True(result.Ok, result.Failure?.ToString());
        return result.Value!;
    }

    /// <summary>Signs in whoever names themselves in a header; anonymous otherwise.</summary>
    private sealed class TestAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
