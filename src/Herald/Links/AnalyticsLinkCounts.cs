using Dapper;
using Herald.Data;

namespace Herald.Links;

/// <summary>Gives analytics (click-through and conversion rates, the snapshots' click column) the tracked links' figures per delivery.</summary>
internal sealed class AnalyticsLinkCounts(IDbConnectionFactory connections) : Analytics.ILinkStats
{
    public async Task<Analytics.LinkCounts> CountAsync(string workspaceId, IReadOnlyCollection<string> deliveryIds, CancellationToken ct)
    {
        if (deliveryIds.Count == 0)
        {
            return new Analytics.LinkCounts(0, 0, 0);
        }
        var postgres = connections.Kind == DatabaseKind.Postgres;
        var inList = postgres ? "= ANY(@ids)" : "IN @ids";
        var notFiltered = postgres ? "NOT x.filtered" : "x.filtered = 0";
        var sql = $"""
            SELECT COUNT(*) AS Clicks, COUNT(DISTINCT x.visitor) AS UniqueClicks
            FROM link_click x JOIN tracked_link l ON l.id = x.link_id
            WHERE l.workspace_id = @ws AND l.delivery_id {inList} AND {notFiltered};
            SELECT COUNT(*) FROM link_conversion x JOIN tracked_link l ON l.id = x.link_id
            WHERE l.workspace_id = @ws AND l.delivery_id {inList};
            """;
        await using var c = await connections.OpenAsync(ct);
        await using var grid = await c.QueryMultipleAsync(new CommandDefinition(sql, new { ws = workspaceId, ids = deliveryIds.ToArray() }, cancellationToken: ct));
        var clicks = await grid.ReadSingleAsync<ClickTotals>();
        var conversions = await grid.ReadSingleAsync<long>();
        return new Analytics.LinkCounts(clicks.Clicks, clicks.UniqueClicks, conversions);
    }

    public async Task<long> ConversionsAsync(string workspaceId, Analytics.DeliverySelection deliveries, CancellationToken ct)
    {
        var args = new DynamicParameters(deliveries.Args);
        args.Add("link_ws", workspaceId);
        await using var c = await connections.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT COUNT(*) FROM link_conversion x JOIN tracked_link l ON l.id = x.link_id
            WHERE l.workspace_id = @link_ws AND l.delivery_id IN ({deliveries.Sql})
            """, args, cancellationToken: ct));
    }

    public async Task<IReadOnlyDictionary<string, long>> ClicksByDeliveryAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken ct)
    {
        if (deliveryIds.Count == 0)
        {
            return new Dictionary<string, long>();
        }
        var postgres = connections.Kind == DatabaseKind.Postgres;
        var sql = $"""
            SELECT l.delivery_id AS DeliveryId, COUNT(x.id) AS Clicks
            FROM tracked_link l LEFT JOIN link_click x ON x.link_id = l.id AND {(postgres ? "NOT x.filtered" : "x.filtered = 0")}
            WHERE l.delivery_id {(postgres ? "= ANY(@ids)" : "IN @ids")}
            GROUP BY l.delivery_id
            """;
        await using var c = await connections.OpenAsync(ct);
        var rows = await c.QueryAsync<DeliveryClicks>(new CommandDefinition(sql, new { ids = deliveryIds.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.DeliveryId, r => r.Clicks);
    }

    private sealed class ClickTotals
    {
        public long Clicks { get; set; }
        public long UniqueClicks { get; set; }
    }

    private sealed class DeliveryClicks
    {
        public string DeliveryId { get; set; } = "";
        public long Clicks { get; set; }
    }
}
