using Herald.Crisis;
using Herald.Data;
using Herald.Hosting;
using Herald.Inbox;
using Herald.Networks.Sandbox;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Herald.Tests.Inbox;

/// <summary>A Herald process killed with SIGKILL while ingesting, then restarted, ends with every event (and its crisis count) exactly once.</summary>
public sealed class IngestionRestartTests(ITestOutputHelper output)
{
    private const int Events = 150_000;

    [Fact]
    public async Task Killing_Herald_mid_ingestion_then_restarting_it_loses_nothing_and_doubles_nothing()
    {
        var data = Directory.CreateTempSubdirectory("herald-ingest-crash-").FullName;
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using var herald = await HeraldServices.CreateAsync(new HeraldOptions { DataDirectory = data, Database = database });
            var account = await herald.ConnectAsync(new { network = "sandbox", name = "Crash" });
            // A backlog of events already visible: replies, mentions, likes and follows, ready to be read page by page.
            var start = TimeProvider.System.GetUtcNow().AddDays(-1); // a real process runs on the system clock
            var kinds = new[] { SandboxEventKinds.Reply, SandboxEventKinds.Mention, SandboxEventKinds.Like, SandboxEventKinds.Follow };
            var seeded = Enumerable.Range(0, Events).Select(i => new SandboxEvent
            {
                AccountId = account,
                PostId = i % 4 == 3 ? null : "post-" + (i % 10),
                Kind = kinds[i % 4],
                AuthorHandle = $"person{i % 500}",
                AuthorName = $"Person {i % 500}",
                Text = i % 4 < 2 ? $"Message {i} à propos du café" : null,
                OccursAt = start.AddMilliseconds(i * 5),
            }).ToList();
            foreach (var chunk in seeded.Chunk(10_000))
            {
                await herald.RunAsync(async sp =>
                {
                    var db = sp.GetRequiredService<HeraldDb>();
                    db.SandboxEvents.AddRange(chunk);
                    return await db.SaveChangesAsync();
                });
            }
            var expectedItems = seeded.Where(e => e.Kind is SandboxEventKinds.Reply or SandboxEventKinds.Mention).Select(e => e.Id).ToHashSet();
            var expectedEngagements = seeded.Where(e => e.Kind is SandboxEventKinds.Like or SandboxEventKinds.Follow).Select(e => e.Id).ToHashSet();

            // One run reads the whole backlog, so the kill lands in the middle of it.
            var unbounded = new Dictionary<string, string> { ["Inbox__MaxPagesPerRun"] = "100000" };
            var first = await HeraldProcess.StartAsync(data, database, unbounded);
            var saved = 0;
            var deadline = Environment.TickCount64 + 60_000;
            while (saved < 2_000 && Environment.TickCount64 < deadline)
            {
                await Task.Delay(10);
                saved = await CountAsync(herald, account);
            }
            first.Kill();
            var atKill = await CountAsync(herald, account);
            output.WriteLine($"Items at SIGKILL: {atKill} of {expectedItems.Count}");
            Assert.True(atKill < expectedItems.Count, "the kill came too late to test anything");
            await first.DisposeAsync();

            await using var second = await HeraldProcess.StartAsync(data, database, unbounded);
            // Wait while the backlog is still moving: on a loaded machine (CI shares two cores) 75,000 items can take minutes,
            // so the test gives up only after a minute without a single new item (or ten minutes in all).
            var giveUp = Environment.TickCount64 + 600_000;
            var lastProgress = Environment.TickCount64;
            var count = 0;
            while (count < expectedItems.Count && Environment.TickCount64 < giveUp && Environment.TickCount64 - lastProgress < 60_000)
            {
                await Task.Delay(200);
                var now = await CountAsync(herald, account);
                if (now > count)
                {
                    count = now;
                    lastProgress = Environment.TickCount64;
                }
            }
            output.WriteLine($"Items after the restart: {count} of {expectedItems.Count}");

            var (items, engagements, workspaceItems, signalled) = await herald.RunAsync(async sp =>
            {
                var db = sp.GetRequiredService<HeraldDb>();
                var i = await db.Set<InboxItem>().AsNoTracking().Where(x => x.AccountId == account).Select(x => x.RemoteId).ToListAsync();
                var e = await db.Set<EngagementEvent>().AsNoTracking().Where(x => x.AccountId == account).Select(x => x.RemoteId).ToListAsync();
                var workspace = await db.Set<InboxItem>().AsNoTracking().Where(x => x.AccountId == account).Select(x => x.WorkspaceId).FirstAsync();
                var all = await db.Set<InboxItem>().AsNoTracking().CountAsync(x => x.WorkspaceId == workspace);
                var counted = await db.Set<SignalRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspace).SumAsync(r => r.Total);
                return (i, e, all, counted);
            });
            Assert.Equal(items.Count, items.Distinct().Count());
            Assert.Superset(expectedItems, items.ToHashSet());
            Assert.Superset(expectedEngagements, engagements.ToHashSet());
            Assert.Equal(engagements.Count, engagements.Distinct().Count());
            // Beyond the seeded backlog only the Sandbox's own spontaneous daily activity may appear.
            Assert.True(items.Count - expectedItems.Count < 10);
            // Crisis detection counted every item once: its counts are written in the page's transaction, so the kill
            // could not land between the items and their counts.
            Assert.Equal(workspaceItems, signalled);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Task<int> CountAsync(HeraldServices herald, string account) => herald.RunAsync(async sp =>
        await sp.GetRequiredService<HeraldDb>().Set<InboxItem>().AsNoTracking().CountAsync(i => i.AccountId == account));
}
