using System.Globalization;
using Herald.Data;

namespace Herald.Networks.Sandbox;

/// <summary>
/// A few spontaneous follows and mentions of an account each day, not tied to any post. Computed when read, never stored:
/// a pure function of (account, day), so reading twice gives the same events with the same ids.
/// </summary>
internal static class SandboxDailyActivity
{
    /// <summary>How far back spontaneous activity is computed, to keep a first read cheap for an old account.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(60);

    /// <summary>Events strictly after <paramref name="since"/> and at or before <paramref name="now"/>, in feed order.</summary>
    public static IEnumerable<SandboxEvent> Between(string accountId, string? accountHandle, DateTimeOffset since, DateTimeOffset now)
    {
        if (now <= since)
        {
            yield break;
        }
        var from = since < now - Horizon ? now - Horizon : since;
        for (var day = from.UtcDateTime.Date; day <= now.UtcDateTime.Date; day = day.AddDays(1))
        {
            foreach (var e in OnDay(accountId, accountHandle, new DateTimeOffset(day, TimeSpan.Zero)))
            {
                if (e.OccursAt > since && e.OccursAt <= now)
                {
                    yield return e;
                }
            }
        }
    }

    private static List<SandboxEvent> OnDay(string accountId, string? accountHandle, DateTimeOffset dayStart)
    {
        var key = $"day:{accountId}:{dayStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var rng = SandboxRandom.For(key);
        var follows = rng.Next(0, 4);
        var mentions = rng.Chance(0.35) ? 1 : 0;
        var events = new List<SandboxEvent>(follows + mentions);
        for (var i = 0; i < follows + mentions; i++)
        {
            var mention = i >= follows;
            var person = mention || rng.Chance(0.5) ? rng.Pick(SandboxPeople.Regulars) : SandboxPeople.Crowd(rng);
            var text = mention ? SandboxPhrasebook.Mention(rng, person.Lang, accountHandle ?? "you") : null;
            events.Add(new SandboxEvent
            {
                Id = SandboxRandom.StableId($"{key}:{i}"),
                AccountId = accountId,
                Kind = mention ? SandboxEventKinds.Mention : SandboxEventKinds.Follow,
                AuthorHandle = person.Handle,
                AuthorName = person.Name,
                Text = text,
                Lang = text is null ? null : person.Lang,
                OccursAt = dayStart.AddMilliseconds(rng.Next(0, 86_400_000)),
            });
        }
        return events;
    }
}
