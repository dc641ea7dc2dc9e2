using System.CommandLine;
using Herald.Data;
using Herald.Hosting;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cli;

/// <summary>`./herald serve`: migrations, first-run admin, then the web app and the dispatcher.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080)." };
        var noDispatcher = new Option<bool>("--no-dispatcher") { Description = "Serve the API without publishing (another process publishes)." };
        var command = new Command("serve", "Run Herald: web app, API and the publishing dispatcher.") { urls, noDispatcher };
        command.SetAction(async (result, ct) =>
        {
            var options = HeraldCli.Options(result);
            using var dataLock = LockDataFolder(options);
            var app = HeraldApp.BuildWeb([], options, b =>
            {
                if (result.GetValue(urls) is { Length: > 0 } u)
                {
                    b.WebHost.UseUrls(u);
                }
            });
            if (result.GetValue(noDispatcher))
            {
                app.Services.GetRequiredService<Scheduling.DispatcherOptions>().Enabled = false;
            }
            await DataServices.MigrateAsync(app.Services, ct);
            await FirstRunAsync(app.Services, ct);
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Herald");
            log.LogInformation("Herald data in {Data}; database {Database}", options.DataDirectory, options.UsesPostgres ? "PostgreSQL" : options.SqlitePath);
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>SQLite has one writer: one Herald serves a data folder at a time (the OS drops the lock if the process dies).</summary>
    private static FileStream? LockDataFolder(HeraldOptions options)
    {
        if (options.UsesPostgres)
        {
            return null;
        }
        Directory.CreateDirectory(options.DataDirectory);
        try
        {
            return new FileStream(Path.Combine(options.DataDirectory, "herald.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new HeraldProblem(409, "Data folder in use", $"Another Herald is already serving {options.DataDirectory}. With SQLite one process serves a data folder; use PostgreSQL (--database) to run several.");
        }
    }

    /// <summary>On an empty database: an admin with a generated password, printed once, and a Sandbox account to try everything.</summary>
    private static async Task FirstRunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }
        var password = Passwords.Generate(15);
        var teams = scope.ServiceProvider.GetRequiredService<TeamService>();
        var user = await teams.AddUserAsync("admin@herald.local", password, admin: true, ct);
        // A simulated account, so a newcomer can schedule, publish and watch reactions come in without any real account.
        var workspaceId = await db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.WorkspaceId).FirstAsync(ct);
        var sandbox = System.Text.Json.JsonSerializer.SerializeToElement(new { network = "sandbox", name = "Sandbox demo" });
        await scope.ServiceProvider.GetRequiredService<Accounts.AccountService>().ConnectAsync(workspaceId, sandbox, ct);
        Console.WriteLine();
        Console.WriteLine("  First run: an administrator was created. This password is shown once; change it after signing in.");
        Console.WriteLine($"    e-mail:   {user.Email}");
        Console.WriteLine($"    password: {password}");
        Console.WriteLine("  A 'Sandbox demo' account (a simulated network) is connected so you can try everything at once.");
        Console.WriteLine("  API token for scripts: ./herald tokens create --email admin@herald.local --name cli");
        Console.WriteLine();
    }
}
