using Herald.Analytics;
using Herald.Data;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Analytics;

/// <summary>Writes hand-made per-post rows and follower readings, and rolls them up the way the collector does.</summary>
internal static class KpiFixture
{
    public static PostMetrics Post(string workspace, string account, string network, string day, int hour, string type,
        int likes, int reposts, int replies, int quotes, long? impressions, long followers, long? clicks = null, string? campaign = null)
    {
        var at = DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddHours(hour);
        return new PostMetrics
        {
            DeliveryId = Ids.New(),
            PostId = Ids.New(),
            WorkspaceId = workspace,
            AccountId = account,
            Network = network,
            CampaignId = campaign,
            ContentType = type,
            PublishedAt = at,
            Day = Days.Of(at),
            LocalHour = hour,
            LocalWeekday = (int)at.DayOfWeek,
            FollowersAtPublish = followers,
            Likes = likes,
            Reposts = reposts,
            Replies = replies,
            Quotes = quotes,
            Impressions = impressions,
            Reach = impressions is { } i ? i / 2 : null,
            Clicks = clicks,
        };
    }

    public static async Task WriteAsync(HeraldInstance herald, IEnumerable<PostMetrics> posts, IEnumerable<(string Account, string Network, string Day, long Followers)> followers)
    {
        await using var scope = herald.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var list = posts.ToList();
        db.Set<PostMetrics>().AddRange(list);
        await db.SaveChangesAsync();
        var store = herald.Services.GetRequiredService<MetricsStore>();
        foreach (var f in followers)
        {
            await store.RecordFollowersAsync(f.Account, herald.WorkspaceId, f.Network, Days.Of(DateTimeOffset.Parse(f.Day + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), f.Followers, default);
        }
        foreach (var g in list.Select(p => (p.AccountId, p.Day)).Distinct())
        {
            await store.RollUpAsync(g.AccountId, g.Day, default);
        }
    }
}

/// <summary>A links capability stand-in: a fixed number of conversions.</summary>
internal sealed class FixedLinkStats(long conversions, Herald.Data.IDbConnectionFactory? connections = null) : ILinkStats
{
    public async Task<long> ConversionsAsync(string workspaceId, DeliverySelection deliveries, CancellationToken ct)
    {
        await using var c = await connections!.OpenAsync(ct);
        var count = await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, $"SELECT COUNT(*) FROM ({deliveries.Sql}) d", deliveries.Args);
        return count == 0 ? 0 : conversions;
    }

    public Task<LinkCounts> CountAsync(string workspaceId, IReadOnlyCollection<string> deliveryIds, CancellationToken ct) =>
        Task.FromResult(new LinkCounts(0, 0, deliveryIds.Count == 0 ? 0 : conversions));

    public Task<IReadOnlyDictionary<string, long>> ClicksByDeliveryAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(deliveryIds.ToDictionary(d => d, _ => 7L));
}
