using Herald.Analytics;
using Herald.Data;
using Herald.Networks;
using Microsoft.EntityFrameworkCore;

namespace Herald.Competitors;

/// <summary>Reads one competitor and stores what came back: the day's profile reading, new posts, refreshed counts.</summary>
public sealed class CompetitorRecorder(HeraldDb db, CompetitorSources sources, CompetitorOptions options, ILogger<CompetitorRecorder> log)
{
    /// <summary>True when both the profile and the posts were read; whatever was read is kept either way.</summary>
    public async Task<bool> CollectAsync(string competitorId, DateTimeOffset now, CancellationToken ct)
    {
        var competitor = await db.Set<Competitor>().FirstOrDefaultAsync(c => c.Id == competitorId, ct);
        if (competitor is null)
        {
            return false;
        }
        if (sources.Find(competitor.Network) is not { } source)
        {
            return await FailAsync(competitor, new NetworkFailure(FailureKind.Permanent, $"Competitors cannot be read on {competitor.Network}."), now, ct);
        }
        NetworkResult<CompetitorProfile> profile = new NetworkFailure(FailureKind.Transient, "The profile was not read.");
        NetworkResult<IReadOnlyList<CompetitorPostCounts>> posts = new NetworkFailure(FailureKind.Transient, "The posts were not read.");
        try
        {
            profile = await source.GetProfileAsync(CompetitorRef.Of(competitor), ct);
            if (profile.Ok)
            {
                await RecordProfileAsync(competitor, profile.Value!, now, ct);
                posts = await source.GetRecentPostsAsync(CompetitorRef.Of(competitor), now - options.Lookback, options.PostLimit, ct);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The profile may already be stored; whichever step threw is the failure.
            var failure = new NetworkFailure(FailureKind.Transient, ex.Message);
            if (profile.Ok)
            {
                posts = failure;
            }
            else
            {
                profile = failure;
            }
        }
        if (!profile.Ok)
        {
            return await FailAsync(competitor, profile.Failure!, now, ct);
        }
        if (!posts.Ok)
        {
            return await FailAsync(competitor, posts.Failure!, now, ct);
        }
        await RecordPostsAsync(competitor, posts.Value!, profile.Value!.Followers, now, ct);
        competitor.Failures = 0;
        competitor.LastError = null;
        competitor.LastCollectedAt = now;
        competitor.NextDueAt = now + options.Interval;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Stores the profile's reading for today (the day's last reading wins) and what the profile says about the account.</summary>
    public async Task RecordProfileAsync(Competitor competitor, CompetitorProfile profile, DateTimeOffset now, CancellationToken ct)
    {
        competitor.RemoteId = profile.RemoteId;
        competitor.DisplayName = profile.DisplayName ?? competitor.DisplayName;
        competitor.ProfileUrl = profile.ProfileUrl ?? competitor.ProfileUrl;
        var day = Days.Of(now);
        var daily = await db.Set<CompetitorDaily>().FirstOrDefaultAsync(d => d.CompetitorId == competitor.Id && d.Day == day, ct);
        if (daily is null)
        {
            daily = new CompetitorDaily { CompetitorId = competitor.Id, WorkspaceId = competitor.WorkspaceId, Day = day };
            db.Add(daily);
        }
        daily.Followers = profile.Followers;
        daily.Following = profile.Following;
        daily.PostsTotal = profile.PostsTotal;
        daily.ReadAt = now;
        await db.SaveChangesAsync(ct);
    }

    private async Task RecordPostsAsync(Competitor competitor, IReadOnlyList<CompetitorPostCounts> posts, long followers, DateTimeOffset now, CancellationToken ct)
    {
        var ids = posts.Select(p => p.RemoteId).Distinct().ToList();
        var known = await db.Set<CompetitorPost>().Where(p => p.CompetitorId == competitor.Id && ids.Contains(p.RemoteId)).ToDictionaryAsync(p => p.RemoteId, ct);
        foreach (var p in posts.DistinctBy(p => p.RemoteId))
        {
            if (!known.TryGetValue(p.RemoteId, out var row))
            {
                row = new CompetitorPost
                {
                    CompetitorId = competitor.Id, RemoteId = p.RemoteId, WorkspaceId = competitor.WorkspaceId,
                    PublishedAt = p.PublishedAt, Day = Days.Of(p.PublishedAt), FirstSeenAt = now,
                    FollowersAtPublish = await FollowersOnAsync(competitor.Id, Days.Of(p.PublishedAt), followers, ct),
                };
                db.Add(row);
            }
            row.Url = p.Url;
            row.Text = p.Text;
            (row.Likes, row.Reposts, row.Replies, row.Quotes) = (p.Likes, p.Reposts, p.Replies, p.Quotes);
            row.LastReadAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The followers read on the post's day or the last day before it; for a post older than every reading, today's.</summary>
    private async Task<long> FollowersOnAsync(string competitorId, int day, long current, CancellationToken ct) =>
        await db.Set<CompetitorDaily>().AsNoTracking().Where(d => d.CompetitorId == competitorId && d.Day <= day)
            .OrderByDescending(d => d.Day).Select(d => (long?)d.Followers).FirstOrDefaultAsync(ct) ?? current;

    private async Task<bool> FailAsync(Competitor competitor, NetworkFailure failure, DateTimeOffset now, CancellationToken ct)
    {
        competitor.Failures++;
        competitor.LastError = failure.ToString() is { Length: > 1000 } long_ ? long_[..1000] : failure.ToString();
        // A gone account is tried again at the normal pace (it may come back); anything else backs off.
        var wait = failure.Kind is FailureKind.Permanent or FailureKind.AuthExpired or FailureKind.InvalidContent ? options.Interval
            : failure.RetryAfter is { } after && after > TimeSpan.Zero ? after : options.Backoff(competitor.Failures);
        competitor.NextDueAt = now + wait;
        log.LogInformation("Competitor {CompetitorId} not read: {Failure}; next try at {Next}", competitor.Id, failure, competitor.NextDueAt);
        await db.SaveChangesAsync(ct);
        return false;
    }
}
