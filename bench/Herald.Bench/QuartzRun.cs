using System.Collections.Specialized;
using System.Diagnostics;
using System.Net.Http.Headers;
using Herald.Networks;
using Herald.Networks.Webhook;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;

namespace Herald.Bench;

/// <summary>
/// The same work done by Quartz.NET with its persistent ADO.NET job store (JobStoreTX) on the same database engine: one
/// job and one trigger per delivery, due at the same instants, each job doing the same signed POST to the same sink.
/// </summary>
internal static class QuartzRun
{
    public static async Task<Figures> RunAsync(Workload work, bool postgres, string connectionString, Sink sink, int threads, TimeSpan timeout)
    {
        var setup = Stopwatch.StartNew();
        PostJob.Url = sink.Url;
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "herald-bench",
            ["quartz.scheduler.instanceId"] = "bench",
            ["quartz.threadPool.maxConcurrency"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
            ["quartz.jobStore.driverDelegateType"] = postgres
                ? "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz"
                : "Quartz.Impl.AdoJobStore.SQLiteDelegate, Quartz",
            ["quartz.jobStore.tablePrefix"] = "qrtz_",
            ["quartz.jobStore.useProperties"] = "true",
            ["quartz.jobStore.dataSource"] = "default",
            ["quartz.jobStore.acquireTriggersWithinLock"] = "true",
            ["quartz.dataSource.default.provider"] = postgres ? "Npgsql" : "SQLite-Microsoft",
            ["quartz.dataSource.default.connectionString"] = connectionString,
            ["quartz.serializer.type"] = "stj",
            // Quartz creates its own official schema (the tables of database/tables/*.sql) in the fresh database.
            ["quartz.jobStore.schemaProvisioning"] = "CreateIfMissing",
            // Tuned in Quartz's favour: acquire triggers in batches as large as the thread pool, up to 50 ms ahead.
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow"] = "50",
        };
        var scheduler = await QuartzSchedulerBuilder.Create().UseProperties(properties).BuildScheduler();

        // Scheduled far in the future, then shifted in one UPDATE so the first is due `Lead` after setup (like Herald's).
        var placeholder = Workload.NowMs() + TimeSpan.FromDays(1).TotalMilliseconds;
        var keys = new string[work.Deliveries];
        const int batch = 1000;
        for (var start = 0; start < work.Deliveries; start += batch)
        {
            var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
            for (var i = start; i < Math.Min(work.Deliveries, start + batch); i++)
            {
                keys[i] = $"q_{i:D7}";
                var job = JobBuilder.Create<PostJob>().WithIdentity(keys[i], "bench").UsingJobData("key", keys[i]).Build();
                var trigger = TriggerBuilder.Create().WithIdentity(keys[i], "bench")
                    .StartAt(DateTimeOffset.FromUnixTimeMilliseconds((long)placeholder + work.DueAt(0, i)))
                    .WithSimpleSchedule(s => s.WithRepeatCount(0)).Build();
                jobs[job] = [trigger];
            }
            await scheduler.ScheduleJobs(jobs, new ScheduleJobOptions());
        }
        var firstDue = (long)Workload.NowMs() + (long)work.Lead.TotalMilliseconds;
        var shiftTicks = (firstDue - (long)placeholder) * TimeSpan.TicksPerMillisecond;
        await ExecuteAsync(postgres, connectionString,
            $"UPDATE qrtz_triggers SET next_fire_time = next_fire_time + {shiftTicks}, start_time = start_time + {shiftTicks}");
        var due = new Dictionary<string, double>(work.Deliveries);
        for (var i = 0; i < keys.Length; i++)
        {
            due[keys[i]] = firstDue + work.DueAt(0, i);
        }
        setup.Stop();

        await scheduler.Start();
        await Workload.WaitForAsync(sink, work.Deliveries, due.Values.Max() + timeout.TotalMilliseconds);
        await scheduler.Shutdown(waitForJobsToComplete: false);
        var extra = new Dictionary<string, object> { ["threads"] = threads };
        return Figures.From(due, sink.Arrivals, sink.Duplicates, setup.Elapsed.TotalSeconds, extra);
    }

    private static async Task ExecuteAsync(bool postgres, string connectionString, string sql)
    {
        await using System.Data.Common.DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The job: the same signed JSON POST the webhook connector sends, to the same sink.</summary>
    public sealed class PostJob : IJob
    {
        internal static string Url { get; set; } = "";

        private static readonly HttpClient Http = new(AddressGuard.CreateHandler(allowPrivate: true)) { Timeout = TimeSpan.FromSeconds(30) };

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var key = context.MergedJobDataMap.GetString("key")!;
            var body = WebhookConnector.Body(new PartToPublish(0, "Benchmark post " + key, [], null, key, context.ScheduledFireTimeUtc ?? default), null);
            using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("Idempotency-Key", key);
            request.Headers.Add("X-Herald-Signature", WebhookConnector.Signature("bench-secret", body));
            using var response = await Http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
