using System.Diagnostics;
using Dapper;
using Herald.Accounts;
using Herald.Data;
using Herald.Hosting;
using Herald.Networks;
using Herald.Networks.Webhook;
using Herald.Scheduling;
using Herald.Teams;

namespace Herald.Bench;

/// <summary>
/// Herald's side: the real web app (dispatcher included) on a fresh database, webhook accounts pointing at the sink, and
/// deliveries written straight into the tables (setup, not measured). Every delivery then goes through claim → attempt →
/// HTTP POST → batched completion.
/// </summary>
internal static class HeraldRun
{
    public static async Task<Figures> RunAsync(Workload work, string? database, string dataDirectory, Sink sink, DispatcherOptions tuning, TimeSpan timeout)
    {
        var setup = Stopwatch.StartNew();
        var options = new HeraldOptions { DataDirectory = dataDirectory, Database = database };
        var app = HeraldApp.BuildWeb([], options, b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Configuration[AddressGuard.ConfigurationKey] = "true";
            b.Logging.ClearProviders();
            b.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        });
        var dispatcher = app.Services.GetRequiredService<DispatcherOptions>();
        dispatcher.MaxInFlight = tuning.MaxInFlight;
        dispatcher.ClaimBatch = tuning.ClaimBatch;
        dispatcher.CompletionBatch = tuning.CompletionBatch;
        await DataServices.MigrateAsync(app.Services);

        string userId;
        string workspaceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<TeamService>().AddUserAsync("bench@example.test", "correct horse battery staple", admin: true, default);
            userId = user.Id;
            workspaceId = scope.ServiceProvider.GetRequiredService<HeraldDb>().Memberships.First(m => m.UserId == userId).WorkspaceId;
        }
        var credentials = app.Services.GetRequiredService<CredentialVault>()
            .Protect(System.Text.Json.JsonSerializer.Serialize(new { url = sink.Url, secret = "bench-secret" }));
        var connections = app.Services.GetRequiredService<IDbConnectionFactory>();
        var due = await InsertAsync(connections, work, workspaceId, userId, credentials);
        setup.Stop();

        await app.StartAsync();
        var deadline = due.Values.Max() + timeout.TotalMilliseconds;
        await Workload.WaitForAsync(sink, work.Deliveries, deadline);

        // The sink saw everything; now make sure the outcomes were written back (published in the database).
        long published = 0;
        while (Workload.NowMs() < deadline + 30_000)
        {
            await using var c = await connections.OpenAsync(default);
            published = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deliveries WHERE status = 'Published'");
            if (published >= sink.Count)
            {
                break;
            }
            await Task.Delay(200);
        }
        await app.StopAsync();
        await app.DisposeAsync();
        var extra = new Dictionary<string, object> { ["published_in_db"] = published };
        return Figures.From(due, sink.Arrivals, sink.Duplicates, setup.Elapsed.TotalSeconds, extra);
    }

    /// <summary>Writes accounts, posts (one per round over the accounts) and deliveries in bulk; returns the due instant per idempotency key.</summary>
    private static async Task<Dictionary<string, double>> InsertAsync(IDbConnectionFactory connections, Workload work, string workspaceId, string userId, string credentials)
    {
        var now = (long)Workload.NowMs();
        var accounts = Enumerable.Range(0, work.Accounts).Select(i => $"acc_{i:D5}").ToArray();
        var posts = Enumerable.Range(0, (work.Deliveries + work.Accounts - 1) / work.Accounts).Select(i => $"post_{i:D6}").ToArray();
        var ids = Enumerable.Range(0, work.Deliveries).Select(i => $"dlv_{i:D7}").ToArray();
        // Placeholder due times; shifted once everything is written so the first is due `Lead` from now.
        var dues = Enumerable.Range(0, work.Deliveries).Select(i => work.DueAt(0, i)).ToArray();
        var parts = ids.Select(id => DeliveryPart.Write([new DeliveryPart { Index = 0, Text = "Benchmark post " + id, IdempotencyKey = id, CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(now) }])).ToArray();

        await using var connection = await connections.OpenAsync(default);
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await InsertRowsAsync(connection, tx, connections.Kind, "accounts",
                ["id", "workspace_id", "network", "name", "service_url", "protected_credentials", "status", "time_zone", "created_at"],
                accounts.Length, i => [accounts[i], workspaceId, WebhookConnector.Key, "bench " + i, "http://127.0.0.1", credentials, "Active", "UTC", now]);
            await InsertRowsAsync(connection, tx, connections.Kind, "posts",
                ["id", "workspace_id", "author_id", "text", "kind", "split_into_thread", "media_ids_json", "created_at", "updated_at"],
                posts.Length, i => [posts[i], workspaceId, userId, "Benchmark post", "At", false, "[]", now, now]);
            await InsertRowsAsync(connection, tx, connections.Kind, "deliveries",
                ["id", "post_id", "account_id", "workspace_id", "network", "status", "due_at", "parts_json", "attempt_count", "created_at", "updated_at"],
                ids.Length, i => [ids[i], posts[i / work.Accounts], accounts[i % work.Accounts], workspaceId, WebhookConnector.Key, "Scheduled", dues[i], parts[i], 0, now, now]);
            await tx.CommitAsync();
        }
        var firstDue = (long)Workload.NowMs() + (long)work.Lead.TotalMilliseconds;
        await connection.ExecuteAsync("UPDATE deliveries SET due_at = due_at + @shift", new { shift = firstDue });
        var result = new Dictionary<string, double>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            result[ids[i]] = dues[i] + firstDue;
        }
        return result;
    }

    private static async Task InsertRowsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, DatabaseKind kind, string table, string[] columns, int count, Func<int, object[]> row)
    {
        const int chunk = 500;
        for (var start = 0; start < count; start += chunk)
        {
            var n = Math.Min(chunk, count - start);
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            var values = new List<string>(n);
            for (var r = 0; r < n; r++)
            {
                var cells = row(start + r);
                var names = new string[cells.Length];
                for (var c = 0; c < cells.Length; c++)
                {
                    var p = cmd.CreateParameter();
                    p.ParameterName = $"p{r}_{c}";
                    p.Value = cells[c];
                    cmd.Parameters.Add(p);
                    names[c] = (kind == DatabaseKind.Postgres ? "@" : "$") + p.ParameterName;
                }
                values.Add("(" + string.Join(",", names) + ")");
            }
            cmd.CommandText = $"INSERT INTO {table} ({string.Join(",", columns)}) VALUES {string.Join(",", values)}";
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
