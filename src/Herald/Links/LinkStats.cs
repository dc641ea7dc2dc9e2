using Dapper;
using Herald.Data;

namespace Herald.Links;

/// <summary>Aggregates clicks and conversions in SQL (two grouped queries merged by key).</summary>
internal sealed class LinkStats(IDbConnectionFactory connections) : ILinkStats
{
    public async Task<IReadOnlyList<LinkStatsRow>> QueryAsync(LinkStatsQuery query, CancellationToken ct)
    {
        var key = query.GroupBy switch
        {
            LinkGrouping.Link => "l.id",
            LinkGrouping.Post => "COALESCE(l.post_id, '')",
            LinkGrouping.Delivery => "COALESCE(l.delivery_id, '')",
            LinkGrouping.Campaign => "COALESCE(l.campaign, '')",
            LinkGrouping.Account => "COALESCE(l.account_id, '')",
            LinkGrouping.Network => "COALESCE(l.network, '')",
            // Stored days are UTC days; a zone's local days come from each row's instant.
            _ when query.TimeZone is null => $"CAST(x.day + {Analytics.LocalDays.UnixEpochDay} AS TEXT)",
            _ => $"CAST({Analytics.LocalDays.DayNumberSql("x.at", Analytics.LocalDays.Zone(query.TimeZone), query.From, query.To)} AS TEXT)",
        };
        var postgres = connections.Kind == DatabaseKind.Postgres;
        var where = "l.workspace_id = @ws AND x.at >= @from AND x.at < @to";
        if (query.AccountIds is { Count: > 0 })
        {
            where += postgres ? " AND l.account_id = ANY(@accounts)" : " AND l.account_id IN @accounts";
        }
        if (query.LinkId is not null)
        {
            where += " AND l.id = @link";
        }
        if (query.Campaign is not null)
        {
            where += " AND l.campaign = @campaign";
        }
        var args = new
        {
            ws = query.WorkspaceId,
            from = query.From.ToUnixTimeMilliseconds(),
            to = query.To.ToUnixTimeMilliseconds(),
            accounts = query.AccountIds?.ToArray(),
            link = query.LinkId,
            campaign = query.Campaign,
        };
        var filteredSum = postgres ? "SUM(CASE WHEN x.filtered THEN 1 ELSE 0 END)" : "SUM(x.filtered)";
        var clicksSql = $"""
            SELECT {key} AS Key, COUNT(*) - {filteredSum} AS Clicks,
                   COUNT(DISTINCT CASE WHEN NOT x.filtered THEN x.visitor END) AS "Unique", {filteredSum} AS Filtered
            FROM link_click x JOIN tracked_link l ON l.id = x.link_id WHERE {where} GROUP BY {key}
            """;
        var conversionsSql = $"""
            SELECT {key} AS Key, COUNT(*) AS Conversions, COALESCE(SUM(x.value), 0) AS Value
            FROM link_conversion x JOIN tracked_link l ON l.id = x.link_id WHERE {where} GROUP BY {key}
            """;
        await using var c = await connections.OpenAsync(ct);
        var clicks = (await c.QueryAsync<ClickRow>(new CommandDefinition(clicksSql, args, cancellationToken: ct))).ToDictionary(r => r.Key);
        var conversions = (await c.QueryAsync<ConversionRow>(new CommandDefinition(conversionsSql, args, cancellationToken: ct))).ToDictionary(r => r.Key);
        return clicks.Keys.Union(conversions.Keys)
            .Select(k =>
            {
                clicks.TryGetValue(k, out var cr);
                conversions.TryGetValue(k, out var vr);
                var label = query.GroupBy == LinkGrouping.Day ? DayLabel(k) : k;
                return new LinkStatsRow(label, cr?.Clicks ?? 0, cr?.Unique ?? 0, cr?.Filtered ?? 0, vr?.Conversions ?? 0, vr?.Value ?? 0);
            })
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static string DayLabel(string day) =>
        DateOnly.FromDayNumber(int.Parse(day, System.Globalization.CultureInfo.InvariantCulture))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class ClickRow
    {
        public string Key { get; set; } = "";
        public long Clicks { get; set; }
        public long Unique { get; set; }
        public long Filtered { get; set; }
    }

    private sealed class ConversionRow
    {
        public string Key { get; set; } = "";
        public long Conversions { get; set; }
        public double Value { get; set; }
    }
}
