using System.Data.Common;
using Dapper;
using Herald.Data;

namespace Herald.Scheduling;

/// <summary>A delivery the dispatcher has claimed: its lease is held and its attempt is already recorded.</summary>
public sealed record ClaimedDelivery(
    string Id,
    string PostId,
    string AccountId,
    string Network,
    string PreviousStatus,
    int AttemptCount,
    string PartsJson,
    string AttemptId,
    long DueAt);

/// <summary>How an attempt ended, written back in batches.</summary>
public sealed record DeliveryCompletion(
    string DeliveryId,
    string AttemptId,
    string Status,
    string Outcome,
    string PartsJson,
    string? RemoteId,
    string? Url,
    string? Error,
    string? ErrorCategory,
    long? DueAt,
    long? PublishedAt,
    long FinishedAt,
    int LatencyMs);

/// <summary>
/// The dispatcher's hand-written SQL: claiming due deliveries with a lease (PostgreSQL FOR UPDATE SKIP LOCKED; SQLite one
/// writer in an IMMEDIATE transaction), recording attempts before the network call, and writing outcomes in batches.
/// </summary>
public sealed class DeliveryStore(IDbConnectionFactory connections)
{
    private const string Claimable = "('Scheduled','Retrying','Unknown')";

    /// <summary>
    /// A workspace in crisis mode publishes only what a person sends now (publish now, a reply from the inbox): nothing
    /// scheduled, queued or retried is claimed, whether or not the crisis sweep has marked it held yet.
    /// </summary>
    internal const string InCrisisMode = """
        SELECT 1 FROM crisis_mode_states c JOIN posts p ON p.id = d.post_id
        WHERE c.workspace_id = d.workspace_id AND c.active AND p.kind <> 'Now'
        """;

    public DatabaseKind Kind => connections.Kind;

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(string worker, DateTimeOffset now, int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var nowMs = now.ToUnixTimeMilliseconds();
        var args = new { now = nowMs, limit, worker, leaseUntil = (now + lease).ToUnixTimeMilliseconds() };
        List<ClaimRow> rows;
        if (connections.Kind == DatabaseKind.Postgres)
        {
            rows = (await connection.QueryAsync<ClaimRow>(new CommandDefinition($"""
                WITH due AS (
                    SELECT d.id, d.status AS previous_status
                    FROM deliveries d
                    WHERE d.status IN {Claimable} AND d.due_at <= @now
                      AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = d.account_id AND a.rate_limited_until > @now)
                      AND NOT EXISTS ({InCrisisMode})
                    ORDER BY d.due_at
                    LIMIT @limit
                    FOR UPDATE OF d SKIP LOCKED)
                UPDATE deliveries d
                SET status = 'Publishing', lease_owner = @worker, lease_until = @leaseUntil,
                    attempt_count = d.attempt_count + 1, updated_at = @now
                FROM due WHERE d.id = due.id
                RETURNING d.id AS Id, d.post_id AS PostId, d.account_id AS AccountId, d.network AS Network,
                          due.previous_status AS PreviousStatus, d.attempt_count AS AttemptCount, d.parts_json AS PartsJson, d.due_at AS DueAt
                """, args, tx, cancellationToken: ct))).ToList();
        }
        else
        {
            rows = (await connection.QueryAsync<ClaimRow>(new CommandDefinition($"""
                SELECT d.id AS Id, d.post_id AS PostId, d.account_id AS AccountId, d.network AS Network,
                       d.status AS PreviousStatus, d.attempt_count + 1 AS AttemptCount, d.parts_json AS PartsJson, d.due_at AS DueAt
                FROM deliveries d
                WHERE d.status IN {Claimable} AND d.due_at <= @now
                  AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = d.account_id AND a.rate_limited_until > @now)
                  AND NOT EXISTS ({InCrisisMode})
                ORDER BY d.due_at
                LIMIT @limit
                """, args, tx, cancellationToken: ct))).ToList();
            if (rows.Count > 0)
            {
                await using var update = connection.CreateCommand();
                update.Transaction = tx;
                update.CommandText = "UPDATE deliveries SET status = 'Publishing', lease_owner = $worker, lease_until = $lease, attempt_count = attempt_count + 1, updated_at = $now WHERE id = $id AND status IN " + Claimable;
                var pId = Param(update, "$id");
                Param(update, "$worker", worker);
                Param(update, "$lease", args.leaseUntil);
                Param(update, "$now", nowMs);
                foreach (var row in rows)
                {
                    pId.Value = row.Id;
                    await update.ExecuteNonQueryAsync(ct);
                }
            }
        }

        var claimed = new List<ClaimedDelivery>(rows.Count);
        foreach (var row in rows)
        {
            claimed.Add(new ClaimedDelivery(row.Id, row.PostId, row.AccountId, row.Network, row.PreviousStatus, row.AttemptCount, row.PartsJson, Ids.New(), row.DueAt));
        }
        // The attempt is recorded before any network call: a crash after this point leaves evidence to reconcile.
        if (claimed.Count > 0 && connections.Kind == DatabaseKind.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO delivery_attempts (id, delivery_id, number, worker, started_at, outcome)
                SELECT a.id, a.delivery_id, a.number, @worker, @now, 'started'
                FROM unnest(@ids, @deliveries, @numbers) AS a(id, delivery_id, number)
                """, new
            {
                ids = claimed.Select(c => c.AttemptId).ToArray(),
                deliveries = claimed.Select(c => c.Id).ToArray(),
                numbers = claimed.Select(c => c.AttemptCount).ToArray(),
                worker,
                now = nowMs,
            }, tx, cancellationToken: ct));
        }
        else if (claimed.Count > 0)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO delivery_attempts (id, delivery_id, number, worker, started_at, outcome) VALUES ($id, $delivery, $number, $worker, $now, 'started')";
            var pAttempt = Param(insert, "$id");
            var pDelivery = Param(insert, "$delivery");
            var pNumber = Param(insert, "$number");
            Param(insert, "$worker", worker);
            Param(insert, "$now", nowMs);
            foreach (var c in claimed)
            {
                pAttempt.Value = c.AttemptId;
                pDelivery.Value = c.Id;
                pNumber.Value = c.AttemptCount;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return claimed;
    }

    /// <summary>Extends a lease still held by this worker; false if it was lost (taken over after expiry).</summary>
    public async Task<bool> RenewLeaseAsync(string deliveryId, string worker, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET lease_until = @lease WHERE id = @id AND lease_owner = @worker AND status = 'Publishing'",
            new { lease = leaseUntil.ToUnixTimeMilliseconds(), id = deliveryId, worker }, cancellationToken: ct)) == 1;
    }

    /// <summary>Saves a thread's progress after each part, and extends the lease while the thread goes on.</summary>
    public async Task SavePartsAsync(string deliveryId, string worker, string partsJson, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET parts_json = @parts, lease_until = @lease WHERE id = @id AND lease_owner = @worker",
            new { parts = partsJson, lease = leaseUntil.ToUnixTimeMilliseconds(), id = deliveryId, worker }, cancellationToken: ct));
    }

    public async Task CompleteAsync(IReadOnlyList<DeliveryCompletion> completions, string worker, CancellationToken ct)
    {
        if (completions.Count == 0)
        {
            return;
        }
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        if (connections.Kind == DatabaseKind.Postgres)
        {
            // One statement per table for the whole batch: arrays in, unnest on the server.
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE deliveries d SET status = c.status, parts_json = c.parts_json, remote_id = COALESCE(c.remote_id, d.remote_id),
                    url = COALESCE(c.url, d.url), error = c.error, error_category = c.error_category, due_at = COALESCE(c.due_at, d.due_at),
                    published_at = COALESCE(c.published_at, d.published_at), lease_owner = NULL, lease_until = NULL, updated_at = c.finished_at
                FROM unnest(@ids, @statuses, @parts, @remoteIds, @urls, @errors, @categories, @dues, @publishedAts, @finishedAts)
                    AS c(id, status, parts_json, remote_id, url, error, error_category, due_at, published_at, finished_at)
                WHERE d.id = c.id AND d.lease_owner = @worker
                """, new
            {
                ids = completions.Select(c => c.DeliveryId).ToArray(),
                statuses = completions.Select(c => c.Status).ToArray(),
                parts = completions.Select(c => c.PartsJson).ToArray(),
                remoteIds = completions.Select(c => c.RemoteId).ToArray(),
                urls = completions.Select(c => c.Url).ToArray(),
                errors = completions.Select(c => c.Error).ToArray(),
                categories = completions.Select(c => c.ErrorCategory).ToArray(),
                dues = completions.Select(c => c.DueAt).ToArray(),
                publishedAts = completions.Select(c => c.PublishedAt).ToArray(),
                finishedAts = completions.Select(c => c.FinishedAt).ToArray(),
                worker,
            }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE delivery_attempts a SET finished_at = c.finished_at, outcome = c.outcome, latency_ms = c.latency_ms, error = c.error
                FROM unnest(@ids, @finishedAts, @outcomes, @latencies, @errors) AS c(id, finished_at, outcome, latency_ms, error)
                WHERE a.id = c.id
                """, new
            {
                ids = completions.Select(c => c.AttemptId).ToArray(),
                finishedAts = completions.Select(c => c.FinishedAt).ToArray(),
                outcomes = completions.Select(c => c.Outcome).ToArray(),
                latencies = completions.Select(c => c.LatencyMs).ToArray(),
                errors = completions.Select(c => c.Error).ToArray(),
            }, tx, cancellationToken: ct));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE deliveries SET status = @Status, parts_json = @PartsJson, remote_id = COALESCE(@RemoteId, remote_id), url = COALESCE(@Url, url),
                    error = @Error, error_category = @ErrorCategory, due_at = COALESCE(@DueAt, due_at),
                    published_at = COALESCE(@PublishedAt, published_at), lease_owner = NULL, lease_until = NULL, updated_at = @FinishedAt
                WHERE id = @DeliveryId AND lease_owner = @Worker
                """, completions.Select(c => new { c.Status, c.PartsJson, c.RemoteId, c.Url, c.Error, c.ErrorCategory, c.DueAt, c.PublishedAt, c.FinishedAt, c.DeliveryId, Worker = worker }),
                tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE delivery_attempts SET finished_at = @FinishedAt, outcome = @Outcome, latency_ms = @LatencyMs, error = @Error
                WHERE id = @AttemptId
                """, completions, tx, cancellationToken: ct));
        }
        var published = completions.Where(c => c.Status == "Published").Select(c => c.DeliveryId).ToArray();
        if (published.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE accounts SET last_success_at = @now, last_error = NULL WHERE id IN (SELECT account_id FROM deliveries WHERE id " + InList(connections.Kind) + ")",
                new { now = completions[0].FinishedAt, ids = published }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Deliveries left "publishing" by a process that stopped (its lease ran out, or on SQLite any at start-up, since one
    /// process owns the file) become "unknown": they are reconciled against the network before any retry.
    /// </summary>
    public async Task<int> RecoverAsync(DateTimeOffset now, bool allOrphans, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var nowMs = now.ToUnixTimeMilliseconds();
        // Leases held by a process of this machine that no longer runs need not wait for expiry.
        var owners = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT lease_owner FROM deliveries WHERE status = 'Publishing' AND lease_owner IS NOT NULL", cancellationToken: ct))).ToList();
        var dead = owners.Where(WorkerIdentity.IsDeadLocalProcess).ToArray();
        await using var tx = await BeginWriteAsync(connection, ct);
        var where = allOrphans
            ? "status = 'Publishing'"
            : "status = 'Publishing' AND (lease_until < @now OR lease_owner " + InList(connections.Kind, "dead") + ")";
        var args = new { now = nowMs, dead };
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE delivery_attempts SET outcome = 'unknown', finished_at = @now,
                error = 'Herald stopped before the outcome of this attempt was known; it will be reconciled with the network.'
            WHERE outcome = 'started' AND delivery_id IN (SELECT id FROM deliveries WHERE {where})
            """, args, tx, cancellationToken: ct));
        var count = await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE deliveries SET status = 'Unknown', due_at = @now, lease_owner = NULL, lease_until = NULL, updated_at = @now
            WHERE {where}
            """, args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>The earliest instant something becomes due, so the dispatcher can sleep until exactly then.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT MIN(due_at) FROM deliveries WHERE status IN {Claimable}", cancellationToken: ct));
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task SetAccountRateLimitAsync(string accountId, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET rate_limited_until = @until WHERE id = @id AND (rate_limited_until IS NULL OR rate_limited_until < @until)",
            new { until = until.ToUnixTimeMilliseconds(), id = accountId }, cancellationToken: ct));
    }

    /// <summary>Marks an account as needing reconnection and holds its pending deliveries (nothing is lost).</summary>
    public async Task HoldAccountAsync(string accountId, string error, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var args = new { id = accountId, error, now = now.ToUnixTimeMilliseconds() };
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET status = 'NeedsReconnect', last_error = @error WHERE id = @id", args, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET status = 'Held', updated_at = @now WHERE account_id = @id AND status IN ('Scheduled','Retrying')", args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task SaveCredentialsAsync(string accountId, string protectedCredentials, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET protected_credentials = @c, token_expires_at = @e WHERE id = @id",
            new { c = protectedCredentials, e = expiresAt?.ToUnixTimeMilliseconds(), id = accountId }, cancellationToken: ct));
    }

    /// <summary>"IN @ids" for SQLite (Dapper expands the list); "= ANY(@ids)" for PostgreSQL (Dapper sends an array).</summary>
    internal static string InList(DatabaseKind kind, string parameter = "ids") =>
        kind == DatabaseKind.Postgres ? $"= ANY(@{parameter})" : $"IN @{parameter}";

    private async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            // IMMEDIATE takes the write lock up front: SQLite's single writer is the claim's lock.
            return sqlite.BeginTransaction(deferred: false);
        }
        return await connection.BeginTransactionAsync(ct);
    }

    private static DbParameter Param(DbCommand command, string name, object? value = null) => command.AddParameter(name, value);

    private sealed class ClaimRow
    {
        public string Id { get; set; } = "";
        public string PostId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string Network { get; set; } = "";
        public string PreviousStatus { get; set; } = "";
        public int AttemptCount { get; set; }
        public string PartsJson { get; set; } = "";
        public long DueAt { get; set; }
    }
}
