using Herald.Data;
using Herald.Hosting;
using Herald.Publishing;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Herald.Tests.Reliability;

/// <summary>Several Herald processes on one PostgreSQL share the work and never publish a delivery twice.</summary>
public sealed class MultiProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_Herald_processes_on_one_PostgreSQL_publish_1000_due_deliveries_with_no_duplicate()
    {
        if (!TestDatabase.IsPostgres)
        {
            // SQLite has a single writer by design: one Herald serves a data folder (enforced with a lock file).
            return;
        }
        var data = Directory.CreateTempSubdirectory("herald-multi-").FullName;
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using var herald = await HeraldServices.CreateAsync(new HeraldOptions { DataDirectory = data, Database = database });
            var accounts = new List<string>();
            for (var a = 0; a < 10; a++)
            {
                accounts.Add(await herald.ConnectAsync(new { network = "sandbox", name = $"brand{a}" }));
            }
            // Both processes run before the work exists, so neither has a head start.
            await using var one = await HeraldProcess.StartAsync(data, database);
            await using var two = await HeraldProcess.StartAsync(data, database);
            var dueAt = TimeProvider.System.GetUtcNow().AddSeconds(20);
            var due = dueAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            await herald.RunAsync(async sp =>
            {
                var composer = sp.GetRequiredService<PostComposer>();
                for (var i = 0; i < 100; i++)
                {
                    // Each post goes to all ten accounts: 1,000 deliveries due at the same instant.
                    await composer.CreateAsync(herald.Workspace, new PostRequest { Text = $"Shared work {i}", AccountIds = accounts, ScheduledAt = due }, default);
                }
                return 0;
            });
            output.WriteLine($"Work created {(dueAt - TimeProvider.System.GetUtcNow()).TotalSeconds:0.0} s before it was due");

            var deadline = Environment.TickCount64 + 120_000;
            int published;
            do
            {
                await Task.Delay(200);
                published = (await herald.StatusCountsAsync()).GetValueOrDefault(DeliveryStatus.Published);
            }
            while (published < 1000 && Environment.TickCount64 < deadline);
            Assert.Equal(1000, published);

            var (attempts, perDelivery, workers, remote) = await herald.RunAsync(async sp =>
            {
                var db = sp.GetRequiredService<HeraldDb>();
                var all = await db.DeliveryAttempts.AsNoTracking().ToListAsync();
                return (all.Count, all.GroupBy(a => a.DeliveryId).Max(g => g.Count()),
                    all.GroupBy(a => a.Worker).ToDictionary(g => g.Key, g => g.Count()), await db.SandboxPosts.CountAsync());
            });
            output.WriteLine("Deliveries per process: " + string.Join(", ", workers.Select(w => $"{w.Key}={w.Value}")));
            using var http = new HttpClient();
            output.WriteLine("one: " + await http.GetStringAsync(new Uri(one.BaseAddress, "/healthz")) + " pid " + one.Pid);
            output.WriteLine("two: " + await http.GetStringAsync(new Uri(two.BaseAddress, "/healthz")) + " pid " + two.Pid);
            Assert.Equal(1000, attempts);
            Assert.Equal(1, perDelivery);
            Assert.Equal(1000, remote);
            Assert.Equal(2, workers.Count); // both processes took a share
        }
        finally
        {
            await TestDatabase.DropAsync(database);
            Directory.Delete(data, recursive: true);
        }
    }
}
