using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Listening.Sources;

/// <summary>Every minute, a few Sandbox public posts about what the workspaces' queries track (Listening:Sandbox:Enabled, on by default).</summary>
internal sealed class SandboxListeningSource(IConfiguration configuration, IServiceScopeFactory scopes, ListeningIngest ingest, TimeProvider time, ILogger<SandboxListeningSource> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Listening:Sandbox:Enabled", true))
        {
            return;
        }
        var random = new Random();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var texts = await scope.ServiceProvider.GetRequiredService<HeraldDb>().Set<ListeningQuery>().Select(q => q.Name).Distinct().ToListAsync(stoppingToken);
                if (texts.Count > 0)
                {
                    await ingest.IngestAsync(SandboxChatter.Generate(random, texts, random.Next(2, 8), time.GetUtcNow()), stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sandbox listening source");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
