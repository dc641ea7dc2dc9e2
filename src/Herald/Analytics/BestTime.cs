using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>One weekday × hour cell: posts published then and their shrunk mean engagement rate per follower (percent).</summary>
public sealed record HeatCell(DayOfWeek Day, int Hour, int Posts, double? Score);

/// <summary>A proposed queue slot, with why.</summary>
public sealed record SlotProposal(DayOfWeek Day, int Hour, double? Score, int Posts);

/// <summary>An account's best times: the heatmap, the proposals, and whether they come from its history or from defaults.</summary>
public sealed record BestTimeResult(string AccountId, string TimeZone, int Posts, bool FromHistory, double? Mean, IReadOnlyList<HeatCell> Cells, IReadOnlyList<SlotProposal> Proposals);

/// <summary>
/// Best time to post, from the account's own history (the last 180 days) in its time zone. Each post scores its
/// engagements per follower; a cell's score is shrunk toward the account's mean (as if it had <see cref="Prior"/> more
/// posts at the mean), so one lucky post does not make a best time. Cells need <see cref="MinPosts"/> posts to be proposed;
/// an account with too little history gets industry-default hours, labelled as such.
/// </summary>
public sealed class BestTime(HeraldDb db, TimeProvider time)
{
    public const int MinPosts = 3;
    public const double Prior = 3;
    public const int MinHistory = 12;
    public const int ProposalCount = 5;

    /// <summary>Common industry advice (weekday mornings, lunch, early evening), used when an account has too little history.</summary>
    public static readonly IReadOnlyList<(DayOfWeek Day, int Hour)> IndustryDefaults =
        [(DayOfWeek.Tuesday, 9), (DayOfWeek.Wednesday, 12), (DayOfWeek.Thursday, 9), (DayOfWeek.Monday, 12), (DayOfWeek.Friday, 11)];

    public async Task<BestTimeResult> ForAccountAsync(Account account, CancellationToken ct)
    {
        var since = Days.Of(time.GetUtcNow()) - 180;
        var posts = await db.Set<PostMetrics>().AsNoTracking()
            .Where(m => m.AccountId == account.Id && m.Day >= since)
            .Select(m => new { m.LocalWeekday, m.LocalHour, E = m.Likes + m.Reposts + m.Replies + m.Quotes, m.FollowersAtPublish })
            .ToListAsync(ct);
        var scored = posts.Select(p => (Day: (DayOfWeek)p.LocalWeekday, p.LocalHour, Score: 100.0 * p.E / Math.Max(1, p.FollowersAtPublish))).ToList();
        var existing = await db.QueueSlots.AsNoTracking().Where(s => s.AccountId == account.Id).Select(s => new { s.DayOfWeek, s.MinuteOfDay }).ToListAsync(ct);
        bool Taken(DayOfWeek d, int h) => existing.Any(s => s.DayOfWeek == d && s.MinuteOfDay / 60 == h);

        double? mean = scored.Count == 0 ? null : scored.Average(s => s.Score);
        var cells = new List<HeatCell>(7 * 24);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            for (var hour = 0; hour < 24; hour++)
            {
                var inCell = scored.Where(s => s.Day == day && s.LocalHour == hour).ToList();
                double? score = inCell.Count == 0 || mean is null ? null : (inCell.Sum(s => s.Score) + (Prior * mean.Value)) / (inCell.Count + Prior);
                cells.Add(new HeatCell(day, hour, inCell.Count, score));
            }
        }
        var eligible = cells.Where(c => c.Posts >= MinPosts && c.Score is not null).ToList();
        var fromHistory = scored.Count >= MinHistory && eligible.Count >= 2;
        var proposals = fromHistory
            ? eligible.Where(c => c.Score > mean && !Taken(c.Day, c.Hour)).OrderByDescending(c => c.Score).Take(ProposalCount)
                .Select(c => new SlotProposal(c.Day, c.Hour, c.Score, c.Posts)).ToList()
            : IndustryDefaults.Where(d => !Taken(d.Day, d.Hour)).Select(d => new SlotProposal(d.Day, d.Hour, null, 0)).ToList();
        return new BestTimeResult(account.Id, account.TimeZone, scored.Count, fromHistory, mean, cells, proposals);
    }

    /// <summary>Adds slots (on the hour) to the account's queue, keeping the existing ones; returns how many were new.</summary>
    public async Task<int> AddSlotsAsync(Account account, IEnumerable<(DayOfWeek Day, int Hour)> slots, CancellationToken ct)
    {
        var existing = await db.QueueSlots.Where(s => s.AccountId == account.Id).Select(s => new { s.DayOfWeek, s.MinuteOfDay }).ToListAsync(ct);
        var added = 0;
        foreach (var (day, hour) in slots.Distinct())
        {
            if (hour is < 0 or > 23 || existing.Any(s => s.DayOfWeek == day && s.MinuteOfDay == hour * 60))
            {
                continue;
            }
            db.QueueSlots.Add(new QueueSlot { AccountId = account.Id, DayOfWeek = day, MinuteOfDay = hour * 60 });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
