using System.Security.Cryptography;
using System.Text;
using Herald.Curation.Feeds;
using Herald.Curation.Fetching;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Curation.Subscriptions;

/// <summary>Subscribing to a feed (or to the feed a page names), and polling one: new items stored once, state and backoff kept.</summary>
public sealed class SubscriptionService(HeraldDb db, FeedFetcher fetcher, TimeProvider time, CurationOptions options)
{
    /// <summary>Subscribes the workspace to <paramref name="url"/>, a feed or a page that links to one; fetches it at once.</summary>
    public async Task<FeedSubscription> SubscribeAsync(string workspaceId, string userId, string url, string? folder, CancellationToken ct)
    {
        var fetched = await fetcher.FetchAsync(url, ct: ct);
        if (fetched.Status != FetchStatus.Ok)
        {
            throw new HeraldProblem(422, "Cannot fetch the feed", fetched.Error ?? "The URL could not be fetched.");
        }
        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(fetched.Body, new Uri(fetched.FinalUrl), fetched.Charset);
        }
        catch (FeedFormatException notFeed)
        {
            // A page: follow the feed it advertises, if any.
            var html = FeedText.Decode(fetched.Body, fetched.Charset);
            var candidates = FeedDiscovery.Find(html, new Uri(fetched.FinalUrl));
            if (candidates.Count == 0)
            {
                throw new HeraldProblem(422, "Not a feed", notFeed.Message + " No feed is linked from it either.");
            }
            fetched = await fetcher.FetchAsync(candidates[0], ct: ct);
            if (fetched.Status != FetchStatus.Ok)
            {
                throw new HeraldProblem(422, "Cannot fetch the feed", fetched.Error ?? "The linked feed could not be fetched.");
            }
            try
            {
                feed = FeedParser.Parse(fetched.Body, new Uri(fetched.FinalUrl), fetched.Charset);
            }
            catch (FeedFormatException ex)
            {
                throw new HeraldProblem(422, "Not a feed", ex.Message);
            }
        }
        var feedUrl = fetched.FinalUrl;
        if (await db.Set<FeedSubscription>().AnyAsync(s => s.WorkspaceId == workspaceId && s.Url == feedUrl, ct))
        {
            throw new HeraldProblem(409, "Already subscribed", $"This workspace already follows {feedUrl}.");
        }
        var now = time.GetUtcNow();
        var subscription = new FeedSubscription
        {
            Id = Ids.New(),
            WorkspaceId = workspaceId,
            Url = feedUrl,
            Title = Clip(feed.Title, 500) ?? new Uri(feedUrl).Host,
            SiteUrl = Clip(feed.Link, 2048),
            Folder = string.IsNullOrWhiteSpace(folder) ? null : folder.Trim(),
            CreatedBy = userId,
            CreatedAt = now,
        };
        db.Set<FeedSubscription>().Add(subscription);
        await StoreAsync(subscription, feed, fetched, ct);
        return subscription;
    }

    /// <summary>Fetches one subscription (conditionally) and stores what is new; a failure is recorded and backed off, never thrown.</summary>
    public async Task PollAsync(FeedSubscription subscription, CancellationToken ct)
    {
        var fetched = await fetcher.FetchAsync(subscription.Url, subscription.ETag, subscription.LastModified, ct: ct);
        var now = time.GetUtcNow();
        subscription.LastFetchedAt = now;
        if (fetched.Status == FetchStatus.NotModified)
        {
            Succeeded(subscription, now);
            await db.SaveChangesAsync(ct);
            return;
        }
        if (fetched.Status == FetchStatus.Failed)
        {
            Failed(subscription, fetched.Error!, fetched.RetryAfter, now);
            await db.SaveChangesAsync(ct);
            return;
        }
        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(fetched.Body, new Uri(fetched.FinalUrl), fetched.Charset);
        }
        catch (FeedFormatException ex)
        {
            // The items already stored stay; the error is shown on the subscription.
            Failed(subscription, ex.Message, null, now);
            await db.SaveChangesAsync(ct);
            return;
        }
        await StoreAsync(subscription, feed, fetched, ct);
    }

    private async Task StoreAsync(FeedSubscription subscription, ParsedFeed feed, FetchResult fetched, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        subscription.LastFetchedAt = now;
        subscription.ETag = fetched.ETag;
        subscription.LastModified = fetched.LastModified;
        Succeeded(subscription, now);
        var items = feed.Items.Take(options.MaxItemsPerFetch).Select(i => (Key: Key(i), Item: i)).DistinctBy(x => x.Key).ToList();
        var keys = items.Select(x => x.Key).ToList();
        var known = await db.Set<FeedEntry>().Where(e => e.SubscriptionId == subscription.Id && keys.Contains(e.Key)).Select(e => e.Key).ToListAsync(ct);
        foreach (var (key, item) in items.Where(x => !known.Contains(x.Key)))
        {
            db.Set<FeedEntry>().Add(new FeedEntry
            {
                Id = Ids.New(),
                SubscriptionId = subscription.Id,
                WorkspaceId = subscription.WorkspaceId,
                Key = key,
                Title = Clip(item.Title, 1000),
                Link = Clip(item.Link, 2048),
                Summary = Clip(item.Summary, 20_000),
                Content = Clip(item.Content, 200_000),
                Author = Clip(item.Authors.FirstOrDefault()?.Name ?? item.Authors.FirstOrDefault()?.Email, 200),
                PublishedAt = item.Published ?? item.Updated,
                FetchedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private void Succeeded(FeedSubscription s, DateTimeOffset now)
    {
        s.Failures = 0;
        s.LastError = null;
        s.LastSuccessAt = now;
        s.NextFetchAt = now + options.PollInterval;
    }

    private void Failed(FeedSubscription s, string error, TimeSpan? retryAfter, DateTimeOffset now)
    {
        s.Failures++;
        s.LastError = Clip(error, 1000);
        s.NextFetchAt = FeedBackoff.Next(now, options.PollInterval, s.Failures, retryAfter);
    }

    internal static string Key(FeedItem item) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item.DedupKey)));

    private static string? Clip(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
