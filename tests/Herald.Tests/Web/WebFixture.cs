using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Herald.Data;
using Herald.Teams;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herald.Tests.Web;

/// <summary>One Herald and one headless Chromium (Debian's, never downloaded) per test class.</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const string Password = "correct horse battery staple";

    public HeraldInstance Herald { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Herald = await HeraldInstance.StartAsync();
        // Expectations retry until this long (Playwright's default is 5 s): a loaded 2-core CI machine runs Herald,
        // Chromium, PostgreSQL and the Bluesky network side by side; a passing test does not wait any longer for it.
        Assertions.SetDefaultExpectTimeout(20_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Herald.DisposeAsync();
    }

    public Task<IBrowserContext> NewContextAsync(string locale = "en-US") => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Herald.BaseAddress.ToString().TrimEnd('/'),
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        Locale = locale,
        TimezoneId = "UTC",
    });

    public static async Task SignInAsync(IPage page, string email = AdminEmail, string password = Password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Signed in once the browser has left /signin. A polling URL assertion, not WaitForURL: WaitForURL then waits for
        // a load state, and with WaitUntil=Commit it hangs until its time-out when the URL already matches (seen in CI).
        // What the next page shows is for the test's own auto-waiting expectations.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    /// <summary>A user with the given role in the admin's workspace, for role checks.</summary>
    /// <summary>A new member with <paramref name="role"/>; with <paramref name="culture"/> ("fr"), the pages speak it once they sign in.</summary>
    public async Task<string> AddUserAsync(Role role, string? culture = null)
    {
        await using var scope = Herald.Services.CreateAsyncScope();
        var teams = scope.ServiceProvider.GetRequiredService<TeamService>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var user = await teams.AddUserAsync(email, Password, admin: false, default);
        await teams.SetMemberAsync(Herald.WorkspaceId, user.Id, role, default);
        if (culture is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Culture, culture));
        }
        return email;
    }

    public async Task<System.Text.Json.Nodes.JsonObject> GetPostAsync(string id) => await Herald.GetPostAsync(id);

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => Herald.Client.PostAsJsonAsync(path, body, HeraldInstance.Json);

    /// <summary>The repository's root (the folder with Herald.slnx), for artifacts and docs.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Herald.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}

/// <summary>Base of browser tests: a fresh browser context per test, and a screenshot kept for every failing test.</summary>
public abstract class WebTest(WebFixture fixture) : IClassFixture<WebFixture>
{
    protected WebFixture Fixture { get; } = fixture;
    protected HeraldInstance Herald => Fixture.Herald;

    protected async Task RunAsync(Func<IPage, Task> test, string locale = "en-US", [CallerMemberName] string name = "")
    {
        await using var context = await Fixture.NewContextAsync(locale);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            var folder = Directory.CreateDirectory(Path.Combine(WebFixture.RepositoryRoot(), "artifacts", "screenshots"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, $"{GetType().Name}.{name}.png"), FullPage = true });
            throw;
        }
    }

    protected static string Sample => Path.Combine(AppContext.BaseDirectory, "Web", "landscape.png");
}
