using System.Globalization;
using Dapper;
using Herald.Analytics;
using Herald.Data;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Analytics;

/// <summary>The SQL that buckets stored instants into a zone's local days agrees with .NET's time-zone rules, on either database.</summary>
public sealed class LocalDaysTests
{
    [Theory]
    [InlineData("Pacific/Auckland")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Atlantic/Azores")]
    public async Task The_local_day_in_sql_is_the_zones_day_across_its_offset_changes(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        await using var herald = await HeraldInstance.StartAsync(TestClock.At("2026-11-20T00:00:00Z"));
        // A year of instants every 20 minutes around each local midnight, over the zone's changes to and from summer time.
        var from = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        var to = from.AddYears(1);
        var instants = new List<DateTimeOffset>();
        for (var day = LocalDays.Of(from, zone).AddDays(1); LocalDays.Start(day, zone) < to.AddDays(-1); day = day.AddDays(1))
        {
            var midnight = LocalDays.Start(day, zone);
            instants.AddRange(new[] { -61, -31, -1, 0, 1, 29, 59, 121, 181 }.Select(m => midnight.AddMinutes(m)));
        }
        var values = string.Join(", ", instants.Select(i => $"({i.ToUnixTimeMilliseconds()})"));
        await using var c = await herald.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        var rows = (await c.QueryAsync<(long T, long D)>(
            $"SELECT column1 AS T, {LocalDays.DayNumberSql("column1", zone, from, to)} AS D FROM (VALUES {values}) AS v ORDER BY column1")).ToList();
        Assert.Equal(instants.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(LocalDays.Of(DateTimeOffset.FromUnixTimeMilliseconds(r.T), zone).DayNumber, r.D));
    }

    /// <summary>
    /// A local day starts at its first instant: the instant before it is on the day before. Zones whose midnight does not
    /// exist once a year (America/Santiago, America/Havana, Asia/Beirut spring forward from 00:00 to 01:00) or happens twice
    /// (Atlantic/Azores and America/Havana fall back from 01:00 to 00:00), Lord Howe's half hour, and two ordinary ones.
    /// </summary>
    [Theory]
    [InlineData("Atlantic/Azores")]
    [InlineData("America/Havana")]
    [InlineData("America/Santiago")]
    [InlineData("Asia/Beirut")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Auckland")]
    [InlineData("Europe/Paris")]
    public void A_local_day_starts_at_its_first_instant(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        for (var day = new DateOnly(2024, 1, 1); day < new DateOnly(2028, 1, 1); day = day.AddDays(1))
        {
            var start = LocalDays.Start(day, zone);
            Assert.Equal(day, LocalDays.Of(start, zone));
            Assert.Equal(day.AddDays(-1), LocalDays.Of(start.AddTicks(-1), zone));
        }
    }
}
