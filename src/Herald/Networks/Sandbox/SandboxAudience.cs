using System.Globalization;
using Herald.Data;

namespace Herald.Networks.Sandbox;

/// <summary>One reaction the audience will have to a post, some time after it is published.</summary>
internal sealed record PlannedReaction(string Kind, SandboxPerson Author, TimeSpan Delay, string? Text = null, SandboxTone? Tone = null)
{
    public SandboxEvent ToEvent(SandboxPost post) => new()
    {
        AccountId = post.AccountId,
        PostId = post.Id,
        Kind = Kind,
        AuthorHandle = Author.Handle,
        AuthorName = Author.Name,
        Text = Text,
        Lang = Text is null ? null : Author.Lang,
        OccursAt = post.CreatedAt + Delay,
    };
}

/// <summary>
/// Decides, once and for all when a post is published, how the simulated audience reacts to it and when.
/// A pure function of the post (seeded by its id), so tests and demos are reproducible.
/// </summary>
internal static class SandboxAudience
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(3);

    public static IReadOnlyList<PlannedReaction> Plan(SandboxPost post, string? accountHandle)
    {
        var rng = SandboxRandom.For("post:" + post.Id);
        var topic = SandboxPhrasebook.TopicOf(post.Text);
        var scale = Scale(post, rng);

        var likes = Math.Clamp((int)Math.Round((14 * scale) + rng.Next(0, 5)), 2, 150);
        var reposts = (int)Math.Round(likes * rng.Between(0.1, 0.3));
        var replies = Math.Clamp((int)Math.Round(likes * rng.Between(0.18, 0.35)), 1, 40);
        var quotes = (int)Math.Round(likes * rng.Between(0.0, 0.1));
        var follows = (int)Math.Round(likes * rng.Between(0.03, 0.15));
        var mentions = rng.Chance(0.3) ? rng.Next(1, 3) : 0;

        var regulars = rng.Shuffle(SandboxPeople.Regulars);
        var plan = new List<PlannedReaction>(likes + reposts + replies + quotes + follows + mentions);

        for (var i = 0; i < likes; i++)
        {
            // Someone is always quick to like: the first one comes within minutes.
            var delay = i == 0 ? TimeSpan.FromSeconds(rng.Next(60, 600)) : Delay(rng, 1.6);
            plan.Add(new(SandboxEventKinds.Like, i < regulars.Count ? regulars[i] : SandboxPeople.Crowd(rng), delay));
        }
        for (var i = 0; i < reposts; i++)
        {
            plan.Add(new(SandboxEventKinds.Repost, rng.Chance(0.7) ? rng.Pick(regulars) : SandboxPeople.Crowd(rng), Delay(rng, 1.5)));
        }
        for (var i = 0; i < replies; i++)
        {
            var author = rng.Pick(regulars);
            var tone = ToneOf(author, rng);
            plan.Add(new(SandboxEventKinds.Reply, author, Delay(rng, 1.4), SandboxPhrasebook.Reply(rng, author.Lang, tone, topic), tone));
        }
        for (var i = 0; i < quotes; i++)
        {
            var author = rng.Pick(regulars);
            plan.Add(new(SandboxEventKinds.Quote, author, Delay(rng, 1.3), SandboxPhrasebook.Quote(rng, author.Lang, topic)));
        }
        for (var i = 0; i < mentions; i++)
        {
            var author = rng.Pick(regulars);
            plan.Add(new(SandboxEventKinds.Mention, author, Delay(rng, 1.2), SandboxPhrasebook.Mention(rng, author.Lang, accountHandle ?? "you")));
        }
        for (var i = 0; i < follows; i++)
        {
            plan.Add(new(SandboxEventKinds.Follow, rng.Chance(0.5) ? rng.Pick(regulars) : SandboxPeople.Crowd(rng), Delay(rng, 1.2)));
        }
        return plan;
    }

    /// <summary>How big a reaction this post gets: mostly luck, a little length and media; a thread's later parts get less.</summary>
    private static double Scale(SandboxPost post, SandboxRandom rng)
    {
        var luck = Math.Clamp(Math.Exp(rng.Gaussian() * 0.7), 0.25, 6.0);
        var length = 0.8 + (0.6 * Math.Min(new StringInfo(post.Text).LengthInTextElements, 500) / 500.0);
        var media = 1.0 + (0.25 * Math.Min(post.MediaCount, 4));
        var thread = post.ReplyToId is null ? 1.0 : 0.35;
        return luck * length * media * thread;
    }

    /// <summary>
    /// A delay between one minute and three days, log-distributed and skewed early by <paramref name="skew"/>:
    /// with 1.6 about 60 % arrive within the hour and 90 % within the day, like real engagement decay.
    /// </summary>
    internal static TimeSpan Delay(SandboxRandom rng, double skew)
    {
        var min = Math.Log(1.0);
        var max = Math.Log(MaxDelay.TotalMinutes);
        var minutes = Math.Exp(min + ((max - min) * Math.Pow(rng.NextDouble(), skew)));
        return TimeSpan.FromMilliseconds(Math.Max(60_000, Math.Round(minutes * 60_000) + rng.Next(0, 1000)));
    }

    private static SandboxTone ToneOf(SandboxPerson author, SandboxRandom rng)
    {
        var (positive, neutral) = author.Temper switch
        {
            < 0 => (0.15, 0.30),
            > 0 => (0.75, 0.20),
            _ => (0.45, 0.40),
        };
        var roll = rng.NextDouble();
        return roll < positive ? SandboxTone.Positive : roll < positive + neutral ? SandboxTone.Neutral : SandboxTone.Negative;
    }
}
