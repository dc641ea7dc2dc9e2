using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web;

/// <summary>One delivery as the pages list it.</summary>
public sealed record DeliveryLine(string PostId, string DeliveryId, string AccountId, string Network, string Status, DateTimeOffset? At, string Text, string? Url, string? Error);

/// <summary>What the Today page shows: what comes next, what went out, what failed, which accounts need a reconnect.</summary>
public sealed record TodayBoard(
    IReadOnlyList<DeliveryLine> Upcoming,
    IReadOnlyList<DeliveryLine> Published,
    IReadOnlyList<DeliveryLine> Failures,
    IReadOnlyList<Account> NeedReconnect,
    IReadOnlyDictionary<string, Account> Accounts,
    int ScheduledCount,
    int PublishedWeekCount)
{
    /// <summary>Open inbox items the user has not read (the inbox's own unread count).</summary>
    public int UnreadInbox { get; init; }

    /// <summary>Crisis alerts of the workspace that are not resolved yet.</summary>
    public int OpenAlerts { get; init; }

    private static readonly DeliveryStatus[] Upcomings = [DeliveryStatus.Scheduled, DeliveryStatus.Retrying];
    private static readonly DeliveryStatus[] Troubles = [DeliveryStatus.Failed, DeliveryStatus.Held, DeliveryStatus.Unknown];

    public static async Task<TodayBoard> LoadAsync(HeraldDb db, string workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).ToDictionaryAsync(a => a.Id, ct);
        var mine = db.Deliveries.AsNoTracking().Where(d => d.WorkspaceId == workspaceId);
        var upcoming = await Lines(mine.Where(d => Upcomings.Contains(d.Status)).OrderBy(d => d.DueAt).Take(8), ct);
        var published = await Lines(mine.Where(d => d.Status == DeliveryStatus.Published).OrderByDescending(d => d.PublishedAt).Take(8), ct);
        var failures = await Lines(mine.Where(d => Troubles.Contains(d.Status)).OrderByDescending(d => d.UpdatedAt).Take(10), ct);
        var weekAgo = now.AddDays(-7);
        var scheduledCount = await mine.CountAsync(d => Upcomings.Contains(d.Status), ct);
        var publishedWeek = await mine.CountAsync(d => d.Status == DeliveryStatus.Published && d.PublishedAt >= weekAgo, ct);
        var reconnect = accounts.Values.Where(a => a.Status == AccountStatus.NeedsReconnect).OrderBy(a => a.Name).ToList();
        return new TodayBoard(upcoming, published, failures, reconnect, accounts, scheduledCount, publishedWeek);
    }

    private static async Task<List<DeliveryLine>> Lines(IQueryable<Delivery> query, CancellationToken ct) =>
        (await query.Select(d => new { d.PostId, d.Id, d.AccountId, d.Network, d.Status, d.DueAt, d.PublishedAt, Text = d.VariantText ?? d.Post!.Text, d.Url, d.Error })
            .ToListAsync(ct))
        .Select(d => new DeliveryLine(d.PostId, d.Id, d.AccountId, d.Network, Display.Status(d.Status), d.PublishedAt ?? d.DueAt, Excerpt(d.Text), d.Url, d.Error))
        .ToList();

    public static string Excerpt(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
