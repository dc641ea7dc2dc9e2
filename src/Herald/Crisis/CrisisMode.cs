using Dapper;
using Herald.Data;
using Herald.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Herald.Crisis;

/// <summary>The outcome of turning crisis mode on or off.</summary>
public sealed record CrisisModeChange(bool Active, int Deliveries, int Other, CrisisModeLog? Log);

/// <summary>
/// Crisis mode: one action holds every scheduled post of a workspace, another schedules them again; each is logged.
/// Held deliveries carry the error category <see cref="HeldCategory"/>, so a resume (and an account reconnect) touches
/// only what crisis mode held. A delivery the dispatcher claimed at that very instant is already being published and
/// cannot be recalled: the status update only matches Scheduled and Retrying rows (PostgreSQL re-checks the row after
/// the claim's lock; SQLite has one writer), and the count of those in flight is reported and logged.
/// What a person sends now (publish now, a reply from the inbox) still goes out: answering people is what a crisis needs.
/// Anything else scheduled while it is on (a new or edited post, a retry) is not claimed by the dispatcher
/// (<see cref="DeliveryStore"/>) and is marked held by the periodic sweep.
/// On resume, posts whose time has not come are scheduled again; posts whose time passed while paused stay held for
/// review (category <see cref="MissedCategory"/>: retry or reschedule them), unless the caller asks to publish them now.
/// </summary>
public sealed class CrisisMode(HeraldDb db, IDbConnectionFactory connections, TimeProvider time, DispatcherSignal dispatcher)
{
    public const string HeldCategory = "crisis_mode";
    public const string MissedCategory = "crisis_missed";
    private const string HeldMessage = "Paused by crisis mode.";
    private const string MissedMessage = "Its time passed while crisis mode was on: review it, then retry or reschedule.";

    public async Task<CrisisModeState> StateAsync(string workspaceId, CancellationToken ct) =>
        await db.Set<CrisisModeState>().AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct)
            ?? new CrisisModeState { WorkspaceId = workspaceId };

    public async Task<CrisisModeChange> PauseAsync(string workspaceId, string userId, string? note, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // The flag first, committed on its own: from here the dispatcher claims nothing of the workspace and the sweep
        // holds anything scheduled later, even if the hold below races with a new post. One statement turns it on, so of
        // two people pressing pause at once exactly one does (and is logged); the other's call holds what is left.
        int turnedOn;
        await using (var connection = await connections.OpenAsync(ct))
        {
            turnedOn = await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO crisis_mode_states (workspace_id, active, since, "by") VALUES (@ws, @on, @now, @user)
                ON CONFLICT (workspace_id) DO UPDATE SET active = @on, since = @now, "by" = @user WHERE crisis_mode_states.active = @off
                """, new { ws = workspaceId, now = now.ToUnixTimeMilliseconds(), user = userId, on = true, off = false }, cancellationToken: ct));
        }
        var (held, inFlight) = await HoldAsync(workspaceId, now, ct);
        if (turnedOn == 0)
        {
            return new CrisisModeChange(true, held, inFlight, null);
        }
        var log = new CrisisModeLog { WorkspaceId = workspaceId, Action = "on", UserId = userId, At = now, Deliveries = held, Other = inFlight, Note = note };
        db.Set<CrisisModeLog>().Add(log);
        await db.SaveChangesAsync(ct);
        return new CrisisModeChange(true, held, inFlight, log);
    }

    public async Task<CrisisModeChange> ResumeAsync(string workspaceId, string userId, bool publishMissed, string? note, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        int kept, resumed;
        // The flag and the deliveries change in one transaction: a sweep (HoldAsync) locks the flag's row before it holds
        // anything, so it either finishes before this resume (which then resumes what it held) or finds the mode off.
        await using (var connection = await connections.OpenAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            var args = new { ws = workspaceId, now = now.ToUnixTimeMilliseconds(), held = HeldCategory, missed = MissedCategory, missedMessage = MissedMessage, off = false, on = true };
            var turnedOff = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE crisis_mode_states SET active = @off, since = NULL, "by" = NULL WHERE workspace_id = @ws AND active = @on
                """, args, tx, cancellationToken: ct));
            if (turnedOff == 0)
            {
                return new CrisisModeChange(false, 0, 0, null);
            }
            kept = publishMissed ? 0 : await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE deliveries SET error = @missedMessage, error_category = @missed, updated_at = @now
                WHERE workspace_id = @ws AND status = 'Held' AND error_category = @held AND (due_at IS NULL OR due_at <= @now)
                """, args, tx, cancellationToken: ct));
            resumed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE deliveries SET status = 'Scheduled', error = NULL, error_category = NULL, updated_at = @now
                WHERE workspace_id = @ws AND status = 'Held' AND error_category = @held
                """, args, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        var log = new CrisisModeLog { WorkspaceId = workspaceId, Action = "off", UserId = userId, At = now, Deliveries = resumed, Other = kept, Note = note };
        db.Set<CrisisModeLog>().Add(log);
        await db.SaveChangesAsync(ct);
        dispatcher.Wake();
        return new CrisisModeChange(false, resumed, kept, log);
    }

    /// <summary>Marks as held what got scheduled in workspaces already in crisis mode (a new post, a retry after an in-flight
    /// failure), so pages show it paused; the dispatcher already refuses to claim it.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var active = await db.Set<CrisisModeState>().AsNoTracking().Where(s => s.Active).Select(s => s.WorkspaceId).ToListAsync(ct);
        var held = 0;
        foreach (var ws in active)
        {
            held += (await HoldAsync(ws, time.GetUtcNow(), ct)).Held;
        }
        return held;
    }

    public async Task<List<CrisisModeLog>> LogAsync(string workspaceId, int take, CancellationToken ct) =>
        await db.Set<CrisisModeLog>().AsNoTracking().Where(l => l.WorkspaceId == workspaceId)
            .OrderByDescending(l => l.At).ThenByDescending(l => l.Id).Take(take).ToListAsync(ct);

    /// <summary>
    /// Holds the workspace's scheduled deliveries if its crisis mode is on, in one transaction that first locks the mode's
    /// row (PostgreSQL <c>FOR UPDATE</c>; SQLite's transaction is the database's one writer). Without it a sweep that had
    /// read "on" could hold, just after a resume, posts the resume had scheduled again, and they would stay held.
    /// </summary>
    private async Task<(int Held, int InFlight)> HoldAsync(string workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { ws = workspaceId, now = now.ToUnixTimeMilliseconds(), category = HeldCategory, message = HeldMessage, on = true };
        var lockMode = connections.Kind == DatabaseKind.Postgres ? " FOR UPDATE" : "";
        var active = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            $"SELECT 1 FROM crisis_mode_states WHERE workspace_id = @ws AND active = @on{lockMode}", args, tx, cancellationToken: ct));
        var held = active is null ? 0 : await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE deliveries SET status = 'Held', error = @message, error_category = @category, updated_at = @now
            WHERE workspace_id = @ws AND status IN ('Scheduled','Retrying')
              AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = deliveries.post_id AND p.kind = 'Now')
            """, args, tx, cancellationToken: ct));
        var inFlight = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM deliveries WHERE workspace_id = @ws AND status = 'Publishing'", args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (held, inFlight);
    }
}
