using System.Text.Json;
using Herald.Data;
using Herald.Networks;
using Herald.Publishing;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Accounts;

/// <summary>/api/v1/accounts: connect, list, reconnect, disconnect, and each account's queue.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/accounts").RequireAuthorization().WithTags("Accounts");

        api.MapPost("/", async (JsonElement body, WorkspaceAccess access, AccountService accounts, NetworkRegistry networks, CancellationToken ct) =>
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new HeraldProblem(400, "Malformed request", "Send a JSON object such as {\"network\":\"sandbox\",\"name\":\"demo\"}.");
            }
            var workspaceId = body.TryGetProperty("workspaceId", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : null;
            var ws = await access.RequireAsync(Role.Admin, workspaceId, ct);
            var account = await accounts.ConnectAsync(ws.WorkspaceId, body, ct);
            return Results.Created($"/api/v1/accounts/{account.Id}", AccountDto.From(account, AccountRules.For(account, networks)));
        });

        api.MapGet("/", async (WorkspaceAccess access, HeraldDb db, NetworkRegistry networks, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var list = await db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == ws.WorkspaceId && a.Status != AccountStatus.Disconnected)
                .OrderBy(a => a.CreatedAt).ToListAsync(ct);
            return list.Select(a => AccountDto.From(a, AccountRules.For(a, networks)));
        });

        api.MapGet("/{id}", async (string id, WorkspaceAccess access, HeraldDb db, NetworkRegistry networks, CancellationToken ct) =>
        {
            var account = await FindAsync(db, access, id, Role.Viewer, ct);
            return AccountDto.From(account, AccountRules.For(account, networks));
        });

        api.MapPost("/{id}/reconnect", async (string id, JsonElement body, WorkspaceAccess access, HeraldDb db, AccountService accounts, NetworkRegistry networks, AccountDirectory directory, CancellationToken ct) =>
        {
            var account = await FindAsync(db, access, id, Role.Admin, ct);
            await accounts.ReconnectAsync(account, body, ct);
            directory.Forget(account.Id);
            return AccountDto.From(account, AccountRules.For(account, networks));
        });

        api.MapDelete("/{id}", async (string id, WorkspaceAccess access, HeraldDb db, AccountService accounts, AccountDirectory directory, CancellationToken ct) =>
        {
            var account = await FindAsync(db, access, id, Role.Admin, ct);
            await accounts.DisconnectAsync(account, ct);
            directory.Forget(account.Id);
            return Results.NoContent();
        });

        api.MapGet("/{id}/queue/slots", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var account = await FindAsync(db, access, id, Role.Viewer, ct);
            var slots = await db.QueueSlots.AsNoTracking().Where(s => s.AccountId == account.Id).ToListAsync(ct);
            return new { account.TimeZone, slots = slots.OrderBy(s => s.DayOfWeek).ThenBy(s => s.MinuteOfDay).Select(SlotDto.From) };
        });

        api.MapPut("/{id}/queue/slots", async (string id, SetSlots body, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var account = await FindAsync(db, access, id, Role.Editor, ct);
            var slots = (body.Slots ?? []).Select(SlotDto.Parse).DistinctBy(s => (s.DayOfWeek, s.MinuteOfDay)).ToList();
            if (body.TimeZone is { Length: > 0 } tz)
            {
                account.TimeZone = TimeZones.Require(tz);
            }
            await db.QueueSlots.Where(s => s.AccountId == account.Id).ExecuteDeleteAsync(ct);
            foreach (var s in slots)
            {
                s.AccountId = account.Id;
                db.QueueSlots.Add(s);
            }
            await db.SaveChangesAsync(ct);
            return new { account.TimeZone, slots = slots.OrderBy(s => s.DayOfWeek).ThenBy(s => s.MinuteOfDay).Select(SlotDto.From) };
        });

        api.MapGet("/{id}/queue", async (string id, WorkspaceAccess access, HeraldDb db, QueuePlanner queue, CancellationToken ct) =>
        {
            var account = await FindAsync(db, access, id, Role.Viewer, ct);
            var queued = await queue.QueuedAsync(account.Id, ct);
            return queued.Select(d => new { deliveryId = d.Id, d.PostId, d.DueAt, text = d.VariantText ?? d.Post!.Text });
        });

        api.MapPost("/{id}/queue/reorder", async (string id, ReorderQueue body, WorkspaceAccess access, HeraldDb db, QueuePlanner queue, DispatcherSignal signal, CancellationToken ct) =>
        {
            var account = await FindAsync(db, access, id, Role.Editor, ct);
            var ordered = await queue.ReorderAsync(account.Id, body.DeliveryIds ?? [], ct);
            signal.Wake();
            return ordered.Select(d => new { deliveryId = d.Id, d.PostId, d.DueAt });
        });
        return app;
    }

    internal static async Task<Account> FindAsync(HeraldDb db, WorkspaceAccess access, string id, Role role, CancellationToken ct)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new HeraldProblem(404, "Not found", $"No account {id}.");
        await access.RequireAsync(role, account.WorkspaceId, ct);
        return account;
    }

    public sealed record SetSlots(List<SlotDto>? Slots, string? TimeZone);

    public sealed record ReorderQueue(List<string>? DeliveryIds);

    /// <summary>A queue slot as "monday" + "09:30".</summary>
    public sealed record SlotDto(string Day, string Time)
    {
        public static SlotDto From(QueueSlot s) => new(s.DayOfWeek.ToString().ToLowerInvariant(), $"{s.MinuteOfDay / 60:00}:{s.MinuteOfDay % 60:00}");

        public static QueueSlot Parse(SlotDto dto)
        {
            if (!Enum.TryParse<DayOfWeek>(dto.Day, true, out var day) || !TimeOnly.TryParse(dto.Time, System.Globalization.CultureInfo.InvariantCulture, out var t))
            {
                throw new HeraldProblem(422, "Invalid slot", $"'{dto.Day} {dto.Time}' is not a slot such as {{\"day\":\"monday\",\"time\":\"09:30\"}}.");
            }
            return new QueueSlot { AccountId = "", DayOfWeek = day, MinuteOfDay = (t.Hour * 60) + t.Minute };
        }
    }
}
