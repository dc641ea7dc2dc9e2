using System.Globalization;
using Herald.Hosting;

namespace Herald.Analytics;

/// <summary>Reads a <see cref="KpiQuery"/> from query-string values (API and pages share it): the last 30 days by default.</summary>
public static class KpiRequest
{
    public static KpiQuery Parse(string workspaceId, DateTimeOffset now, string? from, string? to, string? accountId, string? network,
        string? campaignId, string? contentType, int? hour)
    {
        var end = Day(to, "to") ?? DateOnly.FromDateTime(now.UtcDateTime);
        var start = Day(from, "from") ?? end.AddDays(-29);
        if (start > end)
        {
            throw new HeraldProblem(422, "Invalid period", "'from' must be on or before 'to'.");
        }
        if (end.DayNumber - start.DayNumber > 800)
        {
            throw new HeraldProblem(422, "Invalid period", "A period is at most 800 days.");
        }
        if (contentType is not null && !ContentTypes.All.Contains(contentType))
        {
            throw new HeraldProblem(422, "Invalid content type", $"'{contentType}' is not one of {string.Join(", ", ContentTypes.All)}.");
        }
        if (hour is < 0 or > 23)
        {
            throw new HeraldProblem(422, "Invalid hour", "'hour' is between 0 and 23.");
        }
        var accounts = string.IsNullOrEmpty(accountId) ? null : accountId.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new KpiQuery(workspaceId, start, end, accounts, Empty(network)?.ToLowerInvariant(), Empty(campaignId), Empty(contentType), hour);
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static DateOnly? Day(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new HeraldProblem(422, "Invalid date", $"'{name}' must be a date such as 2026-11-01.");
    }
}
