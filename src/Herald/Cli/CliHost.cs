using Herald.Data;
using Herald.Hosting;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cli;

/// <summary>Runs a CLI command against the same services the web app uses, with the database migrated first.</summary>
internal static class CliHost
{
    public static async Task<int> RunAsync(HeraldOptions options, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter(l => l >= LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.Services.AddHeraldCore(options);
        using var host = builder.Build();
        try
        {
            await DataServices.MigrateAsync(host.Services, ct);
            await using var scope = host.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider, ct);
        }
        catch (HeraldProblem p)
        {
            await Console.Error.WriteLineAsync($"herald: {p.Title}: {p.Detail}");
            return p.Status is >= 400 and < 500 ? 1 : 2;
        }
    }

    /// <summary>The CLI acts as the workspace's owner (it has the data folder, so it has every right): the named workspace, or the first one.</summary>
    public static async Task<WorkspaceContext> WorkspaceAsync(IServiceProvider sp, string? workspace, CancellationToken ct)
    {
        var db = sp.GetRequiredService<HeraldDb>();
        var ws = workspace is { Length: > 0 }
            ? await db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspace || w.Name == workspace, ct)
            : await db.Workspaces.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).FirstOrDefaultAsync(ct);
        if (ws is null)
        {
            throw new HeraldProblem(404, "No workspace", workspace is null ? "There is no workspace yet: run `./herald users add --email E --password P --admin` first." : $"No workspace '{workspace}'.");
        }
        var owner = await db.Memberships.Where(m => m.WorkspaceId == ws.Id).OrderByDescending(m => m.Role).ThenBy(m => m.CreatedAt).FirstOrDefaultAsync(ct)
            ?? throw new HeraldProblem(409, "No member", $"The workspace {ws.Name} has no member.");
        return new WorkspaceContext(owner.UserId, ws.Id, Role.Owner);
    }
}
