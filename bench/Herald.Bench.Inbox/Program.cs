using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Herald.Crisis;
using Herald.Data;
using Herald.Hosting;
using Herald.Inbox;
using Herald.Scheduling;
using Herald.Sentiment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

// Inbox ingestion: generated pages of replies and mentions (English and French, ~10% re-sent) with likes and follows,
// ingested on a fresh SQLite and PostgreSQL database by Herald's own poller (`--path poller`, the default: one round of
// InboxPoller, PollConcurrency accounts at a time, each read page by page from its stored cursor by InboxIngestor, with
// only the network replaced by pages served from memory), or pushed page by page straight into its save path
// (`--path pages`: InboxIngestor.SavePageAsync from --parallel workers). Either way each page is threaded, scored for
// sentiment and saved with its items, engagement, contacts and cursor and the crisis SignalRecorder's counts in one
// transaction (on PostgreSQL the contacts in one of their own just before).
var o = Options.Parse(args);
InboxStages.Enabled = o.Stages;
var results = new Dictionary<string, object>();
foreach (var database in o.Databases)
{
    var r = await InboxRun.RunAsync(database, o);
    results[database] = r;
}
Console.Error.WriteLine();
Console.Error.WriteLine("| database | items sent | new | duplicates | engagements | seconds | items/s | stored | doubled | ok |");
Console.Error.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var (db, v) in results)
{
    var r = (RunResult)v;
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {db} | {r.items_sent:N0} | {r.new_items:N0} | {r.duplicates:N0} | {r.engagements:N0} | {r.seconds:0.00} | {r.items_per_s:N0} | {r.stored:N0} | {r.doubled} | {r.ok} |"));
}
Console.WriteLine(JsonSerializer.Serialize(new
{
    benchmark = "inbox-ingestion",
    items = o.Items,
    accounts = o.Accounts,
    page = o.Page,
    path = o.Path,
    parallel = o.Parallel,
    duplicate_share = o.DuplicateShare,
    results,
}));

/// <param name="Path">"poller" (Herald's InboxPoller, Parallel = its PollConcurrency) or "pages" (Parallel workers calling SavePageAsync).</param>
internal sealed record Options(int Items, int Accounts, int Page, int Parallel, double DuplicateShare, IReadOnlyList<string> Databases, bool Stages, int Warmup,
    string Path)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Get(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;
        var path = Get("--path") ?? "poller";
        if (path is not ("poller" or "pages"))
        {
            throw new ArgumentException($"--path is poller or pages, not '{path}'.");
        }
        // The poller's own default concurrency unless told; the page pushers' 2 workers (one per core here).
        return new Options(Int("--items", 200_000), Int("--accounts", 100), Int("--page", 250), Int("--parallel", path == "poller" ? new InboxOptions().PollConcurrency : 2),
            Get("--duplicates") is { } d ? double.Parse(d, CultureInfo.InvariantCulture) : 0.10,
            (Get("--databases") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries), args.Contains("--stages"),
            Int("--warmup", 30_000), path);
    }
}

internal sealed record RunResult(long items_sent, long new_items, long duplicates, long engagements, long pages, double seconds,
    double items_per_s, double new_per_s, double cpu_us_per_item, double? machine_cpu_us_per_item, long stored, long unique_expected, long doubled, long engagement_rows,
    long signal_total, long sentiment_negative, long sentiment_positive, long contacts, bool warmup_ok, bool ok);

internal static class InboxRun
{
    private static string Admin => Environment.GetEnvironmentVariable("HERALD_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres";

    private static readonly string[] English =
    [
        "Love the new roast, best coffee I have had this year!",
        "My order never arrived and support does not answer. Terrible service.",
        "What time do you open on Sunday?",
        "This is not good at all, the cup was cold again",
        "Thanks for the quick reply, really appreciated 🙏",
        "Absolutely awful experience, I want a refund",
        "Is the oat milk option available in every shop?",
        "Great team, great vibe, very happy :)",
    ];

    private static readonly string[] French =
    [
        "J'adore la nouvelle torréfaction, le meilleur café de l'année !",
        "Ma commande n'est jamais arrivée et le service client ne répond pas. Nul.",
        "Vous ouvrez à quelle heure le dimanche ?",
        "Ce n'est pas bon du tout, le café était encore froid",
        "Merci pour la réponse rapide, c'est vraiment apprécié",
        "Expérience horrible, je veux être remboursé",
        "L'option lait d'avoine est-elle disponible partout ?",
        "Super équipe, très contente de l'accueil :)",
    ];

    public static async Task<RunResult> RunAsync(string database, Options o)
    {
        var data = Path.Combine(Path.GetTempPath(), "herald-bench-inbox-" + Guid.NewGuid().ToString("N"));
        string? pgName = null;
        string? connection = null;
        if (database == "postgres")
        {
            pgName = "herald_bench_inbox_" + Guid.NewGuid().ToString("N")[..12];
            await AdminAsync($"CREATE DATABASE {pgName}");
            connection = new NpgsqlConnectionStringBuilder(Admin) { Database = pgName }.ToString();
        }
        var network = new MemoryInboxSource();
        var app = HeraldApp.BuildWeb([], new HeraldOptions { DataDirectory = data, Database = connection }, b =>
        {
            b.Logging.ClearProviders();
            // The poller reads Bluesky accounts from memory instead of an AppView; everything after the fetch is Herald's.
            b.Services.RemoveAll<IInboxSource>();
            b.Services.AddSingleton<IInboxSource>(network);
            b.Configuration["Inbox:PollConcurrency"] = o.Parallel.ToString(CultureInfo.InvariantCulture);
        });
        try
        {
            // The app is built, never started: no poller, dispatcher or crisis worker runs beside the measure.
            await DataServices.MigrateAsync(app.Services);
            var sp = app.Services;
            var ingestor = sp.GetRequiredService<InboxIngestor>();
            var poller = sp.GetServices<IHostedService>().OfType<InboxPoller>().Single();
            Task<(long Sent, long Fresh, long Engagements, long Pages)> Ingest(List<AccountWork> work) =>
                o.Path == "poller" ? PollAsync(poller, network, work) : IngestAsync(ingestor, work, o.Parallel);
            if (sp.GetService<ISentimentAnalyzer>() is null || !sp.GetServices<IConversationSignals>().OfType<SignalRecorder>().Any())
            {
                throw new InvalidOperationException("The sentiment analyzer and the crisis SignalRecorder must be registered.");
            }
            // Warm-up: a workspace of its own (other accounts, other people) ingested before the clock starts, so the timed
            // part measures a server that has run for a while (JIT tiered up, writer connection and pools open) rather
            // than this process's first seconds. It is checked like the measured workspace, separately.
            var warmupOk = true;
            if (o.Warmup > 0)
            {
                var warmAccounts = await SeedAsync(sp, Math.Min(o.Accounts, Math.Max(1, o.Warmup / (3 * o.Page))), "Warm-up");
                var warmWork = Generate(warmAccounts, o with { Items = o.Warmup }, seed: 7, people: "warm");
                var warmSw = Stopwatch.StartNew();
                var warm = await Ingest(warmWork);
                var warmCheck = await CheckAsync(sp, warmAccounts[0].WorkspaceId, warmWork, warm.Fresh);
                warmupOk = warmCheck.Ok;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{database}] warm-up: {warm.Sent:N0} items in {warmSw.Elapsed.TotalSeconds:0.00} s (not timed), checks {(warmCheck.Ok ? "OK" : "MISMATCH")}"));
            }
            if (o.Warmup > 0)
            {
                var settled = await JitSettledAsync();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{database}] JIT settled after the warm-up: {settled.Waited.TotalSeconds:0.0} s waited, {settled.Compiled:N0} methods compiled meanwhile"));
            }
            var accounts = await SeedAsync(sp, o.Accounts, "Bench");
            var work = Generate(accounts, o, seed: 42, people: "user");
            Console.Error.WriteLine(o.Path == "poller"
                ? $"[{database}] {work.Sum(w => w.Pages.Count):N0} pages generated for {accounts.Count} accounts; one round of the inbox poller, {o.Parallel} accounts at a time…"
                : $"[{database}] {work.Sum(w => w.Pages.Count):N0} pages generated for {accounts.Count} accounts; pushing pages into the save path with {o.Parallel} worker(s)…");
            InboxStages.Reset();
            var cpu = Environment.CpuUsage;
            var machine = MachineCpu.BusySeconds();
            var gcPause = GC.GetTotalPauseDuration();
            int gc0 = GC.CollectionCount(0), gc1 = GC.CollectionCount(1), gc2 = GC.CollectionCount(2);
            var sw = Stopwatch.StartNew();
            var (sent, fresh, engagements, pages) = await Ingest(work);
            sw.Stop();
            var seconds = sw.Elapsed.TotalSeconds;
            var used = Environment.CpuUsage;
            var machineUsed = MachineCpu.BusySeconds() - machine;
            var gc = string.Create(CultureInfo.InvariantCulture,
                $"GC {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2} (gen 0/1/2), paused {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:0} ms");
            var cpuSeconds = (used.UserTime - cpu.UserTime + used.PrivilegedTime - cpu.PrivilegedTime).TotalSeconds;
            if (o.Stages)
            {
                // Wall seconds per step summed over the workers.
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{database}] stages (wall s, summed over workers): {string.Join(", ", InboxStages.Totals().Where(t => t.Seconds > 0).Select(t => $"{t.Stage} {t.Seconds:0.00} ({t.Times}×)"))}"));
            }
            var check = await CheckAsync(sp, accounts[0].WorkspaceId, work, fresh);
            var ok = check.Ok && warmupOk;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{database}] {sent:N0} items ({fresh:N0} new, {sent - fresh:N0} duplicates) + {engagements:N0} likes/follows in {pages:N0} pages, {seconds:0.00} s: {sent / seconds:N0} items/s; process CPU {(used.UserTime - cpu.UserTime).TotalSeconds:0.00} s user + {(used.PrivilegedTime - cpu.PrivilegedTime).TotalSeconds:0.00} s system = {cpuSeconds * 1e6 / sent:0} µs per item; machine CPU (Herald and the database server) {(machineUsed is { } m ? $"{m * 1e6 / sent:0} µs per item" : "unknown")}; {gc}; stored {check.Stored:N0} (expected {check.Unique:N0}), doubled {check.Doubled}, engagement rows {check.EngagementRows:N0} (expected {check.UniqueEngagements:N0}), crisis signals {check.SignalTotal:N0}, {(ok ? "OK" : "MISMATCH")}"));
            return new RunResult(sent, fresh, sent - fresh, engagements, pages, Math.Round(seconds, 2), Math.Round(sent / seconds), Math.Round(fresh / seconds),
                Math.Round(cpuSeconds * 1e6 / sent, 1), machineUsed is { } mu ? Math.Round(mu * 1e6 / sent, 1) : null, stored: check.Stored, unique_expected: check.Unique, doubled: check.Doubled, engagement_rows: check.EngagementRows,
                signal_total: check.SignalTotal, sentiment_negative: check.Negative, sentiment_positive: check.Positive, contacts: check.Contacts, warmup_ok: warmupOk, ok: ok);
        }
        finally
        {
            await app.DisposeAsync();
            if (pgName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await AdminAsync($"DROP DATABASE IF EXISTS {pgName} WITH (FORCE)");
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Waits (at most 20 s) until the JIT has compiled nothing for a whole second. The warm-up's last pages leave methods
    /// queued for tier-1 (re)compilation on the runtime's background thread; on a loaded machine that queue drained inside
    /// the timed part (perf, PostgreSQL, 30,000-item warm-up: 36% of the timed part's samples on the tiering thread), so
    /// the figure counted the JIT of a process seconds old rather than a long-running server's save path.
    /// </summary>
    private static async Task<(TimeSpan Waited, long Compiled)> JitSettledAsync()
    {
        var sw = Stopwatch.StartNew();
        var start = System.Runtime.JitInfo.GetCompiledMethodCount();
        var last = start;
        while (sw.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(1_000);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == last)
            {
                break;
            }
            last = now;
        }
        return (sw.Elapsed, last - start);
    }

    /// <summary>One round of Herald's inbox poller over every account due (the ones <paramref name="work"/> gives pages to):
    /// each account's pages read in order from its stored cursor, PollConcurrency accounts at a time.</summary>
    private static async Task<(long Sent, long Fresh, long Engagements, long Pages)> PollAsync(InboxPoller poller, MemoryInboxSource network, List<AccountWork> work)
    {
        network.Serve(work.Select(w => (w.Account.Id, w.Pages)));
        var before = network.PagesRead;
        var results = await poller.PollDueAsync(CancellationToken.None);
        if (results.FirstOrDefault(r => r.Failure is not null) is { Failure: { } failure })
        {
            throw new InvalidOperationException($"An account's ingestion failed: {failure}");
        }
        if (network.Unread() is > 0 and var unread)
        {
            throw new InvalidOperationException($"{unread} pages were never read by the poller.");
        }
        return (results.Sum(r => (long)r.Seen), results.Sum(r => (long)r.New), results.Sum(r => (long)r.Engagements), network.PagesRead - before);
    }

    /// <summary>Pushes every page through <see cref="InboxIngestor.SavePageAsync"/> with <paramref name="parallel"/> workers.</summary>
    private static async Task<(long Sent, long Fresh, long Engagements, long Pages)> IngestAsync(InboxIngestor ingestor, List<AccountWork> work, int parallel)
    {
        long sent = 0, fresh = 0, engagements = 0, pages = 0;
        var queues = Enumerable.Range(0, parallel).Select(p => work.Where((_, i) => i % parallel == p).ToList()).ToList();
        await Task.WhenAll(queues.Select(q => Task.Run(async () =>
        {
            // A poller goes round its accounts: page n of every account, then page n + 1.
            var most = q.Count == 0 ? 0 : q.Max(w => w.Pages.Count);
            for (var n = 0; n < most; n++)
            {
                foreach (var w in q)
                {
                    if (n >= w.Pages.Count)
                    {
                        continue;
                    }
                    var page = w.Pages[n];
                    var (added, read) = await ingestor.SavePageAsync(w.Account, "notifications", page, CancellationToken.None);
                    Interlocked.Add(ref sent, read);
                    Interlocked.Add(ref fresh, added);
                    Interlocked.Add(ref engagements, page.Engagements.Count);
                    Interlocked.Increment(ref pages);
                }
            }
        })));
        return (sent, fresh, engagements, pages);
    }

    private sealed record Check(long Stored, long Unique, long Doubled, long EngagementRows, long UniqueEngagements, long SignalTotal,
        long Negative, long Positive, long Contacts, bool Ok);

    /// <summary>One workspace's rows against what was sent to it: stored == unique == new, none doubled, engagement and crisis counts right.</summary>
    private static async Task<Check> CheckAsync(IServiceProvider sp, string workspaceId, List<AccountWork> work, long fresh)
    {
        var unique = work.Sum(w => (long)w.Unique);
        var uniqueEngagements = work.Sum(w => (long)w.UniqueEngagements);
        var ws = new { ws = workspaceId };
        await using var c = await sp.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var stored = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_items WHERE workspace_id = @ws", ws);
        var doubled = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT account_id, remote_id FROM inbox_items WHERE workspace_id = @ws GROUP BY account_id, remote_id HAVING COUNT(*) > 1) d", ws);
        var engagementRows = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM engagement_events WHERE workspace_id = @ws", ws);
        var signalTotal = await c.ExecuteScalarAsync<long?>("SELECT SUM(total) FROM crisis_signal_rollups WHERE workspace_id = @ws", ws) ?? 0;
        var negative = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_items WHERE workspace_id = @ws AND sentiment = 'negative'", ws);
        var positive = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_items WHERE workspace_id = @ws AND sentiment = 'positive'", ws);
        var contacts = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE workspace_id = @ws", ws);
        var ok = stored == unique && fresh == unique && doubled == 0 && signalTotal == unique && engagementRows == uniqueEngagements;
        return new Check(stored, unique, doubled, engagementRows, uniqueEngagements, signalTotal, negative, positive, contacts, ok);
    }

    private sealed record AccountWork(InboxAccount Account, List<InboxPage> Pages, int Unique, int UniqueEngagements);

    // Two populations of 5,000 people (handle suffix w{account % 2}), whatever --parallel, so every run upserts the same
    // ~10,000 contacts. With --path pages, the two workers then never share a person (PostgreSQL once ended in 40P01 on
    // contacts upserted in dictionary order; InboxWriter now upserts them in handle order). With --path poller, the
    // accounts in flight at once do share people, as a brand's accounts do.
    /// <summary>Every account gets its share of the items, in pages; ~DuplicateShare of each page re-sends items of earlier pages.</summary>
    private static List<AccountWork> Generate(List<InboxAccount> accounts, Options o, int seed, string people)
    {
        var random = new Random(seed);
        var start = TimeProvider.System.GetUtcNow().AddHours(-6);
        var result = new List<AccountWork>();
        var perAccount = o.Items / accounts.Count;
        for (var a = 0; a < accounts.Count; a++)
        {
            var account = accounts[a];
            var pages = new List<InboxPage>();
            var sentItems = new List<IncomingItem>();
            int made = 0, unique = 0, likes = 0, cursor = 0;
            while (made < perAccount)
            {
                var size = Math.Min(o.Page, perAccount - made);
                var items = new List<IncomingItem>(size);
                for (var k = 0; k < size; k++)
                {
                    if (sentItems.Count > 0 && random.NextDouble() < o.DuplicateShare)
                    {
                        var again = sentItems[random.Next(sentItems.Count)];
                        if (!items.Contains(again))
                        {
                            items.Add(again);
                            continue;
                        }
                    }
                    var n = unique++;
                    var french = n % 3 == 0;
                    var texts = french ? French : English;
                    var person = random.Next(5_000);
                    var post = $"at://brand{a}/post/{n / 50}";
                    var reply = n % 4 != 3;
                    var item = new IncomingItem(
                        reply ? InboxKind.Reply : InboxKind.Mention,
                        $"at://{people}{person}/post/{a}-{n}",
                        new IncomingAuthor($"{people}{person}.w{a % 2}.example", $"User {person}"),
                        $"{texts[random.Next(texts.Length)]} @brand{a} #{n % 97}",
                        start.AddMilliseconds(n * 150L),
                        reply ? post : $"at://{people}{person}/post/{a}-{n}",
                        ParentRemoteId: reply ? post : null,
                        RootRemoteId: reply ? post : null);
                    items.Add(item);
                    sentItems.Add(item);
                }
                made += items.Count;
                var engagements = new List<IncomingEngagement>();
                for (var e = 0; e < size / 10; e++)
                {
                    var person = random.Next(5_000);
                    var follow = e % 5 == 0;
                    engagements.Add(new IncomingEngagement(follow ? "follow" : "like", $"eng-{a}-{likes++}", new IncomingAuthor($"{people}{person}.w{a % 2}.example"),
                        follow ? null : $"at://brand{a}/post/{random.Next(Math.Max(1, unique / 50))}", start.AddMinutes(e)));
                }
                pages.Add(new InboxPage(items, engagements, $"cursor-{++cursor}", true));
            }
            result.Add(new AccountWork(account, pages, unique, likes));
        }
        return result;
    }

    /// <summary>A workspace of its own named <paramref name="name"/> with <paramref name="count"/> Bluesky accounts.</summary>
    private static async Task<List<InboxAccount>> SeedAsync(IServiceProvider services, int count, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<HeraldDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var workspace = new Workspace { Name = name, CreatedAt = now };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        var workspaceId = workspace.Id;
        var accounts = Enumerable.Range(0, count).Select(i => new Account
        {
            WorkspaceId = workspaceId, Network = "bluesky", Name = $"Brand {i}", Handle = $"{name.ToLowerInvariant()}-brand{i}.example",
            Status = AccountStatus.Active, CreatedAt = now, LastSuccessAt = now,
        }).ToList();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync();
        return accounts.Select(a => new InboxAccount(a.Id, a.WorkspaceId, a.Network)).ToList();
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
