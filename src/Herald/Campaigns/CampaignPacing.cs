using Herald.Analytics;

namespace Herald.Campaigns;

/// <summary>One goal against where it should be by now: cumulative goals grow linearly over the campaign's days; a rate goal is expected as is.</summary>
public sealed record GoalPace(string Goal, double Target, double ExpectedByNow, double Actual, string Status);

/// <summary>A campaign's figures and its pacing.</summary>
public sealed record CampaignReport(Campaign Campaign, int DaysElapsed, int DaysTotal, KpiFigures Figures, IReadOnlyList<GoalPace> Goals);

/// <summary>Pacing: expected-by-now against actual for each goal the campaign has.</summary>
public static class CampaignPacing
{
    /// <summary>Within 90 % of the expected figure is on track; above it, ahead; below, behind.</summary>
    public const double OnTrack = 0.9;

    public static CampaignReport Report(Campaign c, KpiFigures f, DateOnly today)
    {
        var total = c.EndsOn.DayNumber - c.StartsOn.DayNumber + 1;
        var elapsed = Math.Clamp(today.DayNumber - c.StartsOn.DayNumber + 1, 0, total);
        var fraction = total == 0 ? 1 : (double)elapsed / total;
        var goals = new List<GoalPace>();
        void Cumulative(string name, double? target, double actual)
        {
            if (target is { } t)
            {
                goals.Add(Pace(name, t, t * fraction, actual));
            }
        }
        Cumulative("clicks", c.GoalClicks, f.Clicks);
        Cumulative("engagements", c.GoalEngagements, f.Engagements);
        Cumulative("impressions", c.GoalImpressions, f.Impressions);
        Cumulative("posts", c.GoalPosts, f.Posts);
        if (c.GoalEngagementRate is { } rate)
        {
            goals.Add(Pace("engagement_rate", rate, elapsed == 0 ? 0 : rate, f.EngagementRatePerFollower ?? 0));
        }
        return new CampaignReport(c, elapsed, total, f, goals);
    }

    private static GoalPace Pace(string goal, double target, double expected, double actual)
    {
        var status = actual >= target ? "reached"
            : expected <= 0 ? "not_started"
            : actual >= expected ? "ahead"
            : actual >= expected * OnTrack ? "on_track"
            : "behind";
        return new GoalPace(goal, target, Math.Round(expected, 2), Math.Round(actual, 2), status);
    }
}
