using Herald.Data;
using Herald.Networks.Sandbox;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Networks.Sandbox;

public sealed class SandboxAudienceTests
{
    private static readonly string[] Texts =
    [
        "Launching our new feature today! #launch", "Quick tip: back up your data.", "What do you all think about remote work? #remotework",
        "Nous sommes ravis d'annoncer notre nouvelle boutique à Lyon.", "Thread on everything we learned shipping v2. #buildinpublic",
        "Coffee first.", "Our support hours change next week.", "Big news coming soon 👀",
    ];

    [Fact]
    public async Task Reactions_are_hidden_at_publish_time_then_arrive_front_loaded()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await sandbox.PublishAsync(Texts[i]);
        }

        var atPublish = (await sandbox.AllVisibleEventsAsync()).Count;
        sandbox.Time.Advance(TimeSpan.FromHours(1));
        var afterAnHour = (await sandbox.AllVisibleEventsAsync()).Count(e => e.PostId is not null);
        sandbox.Time.Advance(TimeSpan.FromHours(23));
        var afterADay = (await sandbox.AllVisibleEventsAsync()).Count(e => e.PostId is not null);
        var planned = await sandbox.WithDbAsync(db => db.SandboxEvents.CountAsync());

        sandbox.Time.Advance(TimeSpan.FromDays(3));
        var afterThreeDays = (await sandbox.AllVisibleEventsAsync()).Count(e => e.PostId is not null);

        Assert.Equal(0, atPublish);
        Assert.InRange(afterAnHour, 5, afterADay - 1);
        Assert.InRange(afterADay, afterAnHour + 1, planned);
        Assert.Equal(planned, afterThreeDays);
    }

    [Fact]
    public void Engagement_decays_like_real_engagement_from_minutes_to_days()
    {
        var delays = Enumerable.Range(0, 200).Select(i => SandboxAudience.Plan(FixedPost(i, "Some post"), null).Select(r => r.Delay).ToList()).ToList();
        var all = delays.SelectMany(d => d).ToList();

        Assert.All(all, d => Assert.InRange(d, TimeSpan.FromMinutes(1), TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1)));
        Assert.All(delays, d => Assert.True(d.Min() <= TimeSpan.FromMinutes(10), "someone always reacts within minutes"));
        Assert.InRange(all.Count(d => d <= TimeSpan.FromHours(1)) / (double)all.Count, 0.45, 0.85);
        Assert.InRange(all.Count(d => d <= TimeSpan.FromDays(1)) / (double)all.Count, 0.80, 0.98);
    }

    [Fact]
    public void Replies_and_quotes_sometimes_talk_about_the_posts_hashtag_and_templates_are_always_filled()
    {
        var withTag = Enumerable.Range(0, 100).SelectMany(i => SandboxAudience.Plan(FixedPost(i, "Big day #launch"), "demo.sandbox")).ToList();
        var withoutTag = Enumerable.Range(0, 100).SelectMany(i => SandboxAudience.Plan(FixedPost(i, "No tags #sandbox-500 here"), "demo.sandbox")).ToList();
        var texts = withTag.Concat(withoutTag).Select(r => r.Text).OfType<string>().ToList();

        Assert.Contains(withTag, r => r.Text?.Contains("#launch", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(withoutTag, r => r.Text?.Contains("#sandbox", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(texts, t => t.Contains('{', StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("@demo.sandbox", StringComparison.Ordinal));
        Assert.True(texts.Distinct().Count() > 250, $"only {texts.Distinct().Count()} distinct texts");
    }

    [Fact]
    public async Task Fifty_posts_get_varied_replies_some_in_french_and_some_negative()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        for (var i = 0; i < 50; i++)
        {
            await sandbox.PublishAsync(Texts[i % Texts.Length], media: i % 3);
        }
        var posts = await sandbox.WithDbAsync(db => db.SandboxPosts.ToListAsync());
        var replies = await sandbox.WithDbAsync(db => db.SandboxEvents.Where(e => e.Kind == SandboxEventKinds.Reply).ToListAsync());
        var tones = posts.SelectMany(p => SandboxAudience.Plan(p, "demo.sandbox")).Where(r => r.Kind == SandboxEventKinds.Reply).Select(r => r.Tone).ToList();

        var french = replies.Count(r => r.Lang == "fr");
        Assert.InRange(french, replies.Count / 10, replies.Count / 2);
        Assert.Contains(SandboxTone.Negative, tones);
        Assert.Contains(SandboxTone.Positive, tones);
        Assert.Contains(SandboxTone.Neutral, tones);
        Assert.InRange(tones.Count(t => t == SandboxTone.Negative), tones.Count / 20, tones.Count / 2);
        Assert.True(replies.Select(r => r.Text).Distinct().Count() > 60, "reply texts should be varied");
        Assert.True(replies.Select(r => r.AuthorHandle).Distinct().Count() > 40, "many different people should reply");
        var kinds = await sandbox.WithDbAsync(db => db.SandboxEvents.Select(e => e.Kind).Distinct().ToListAsync());
        Assert.Equivalent(new[] { "like", "repost", "reply", "quote", "mention", "follow" }, kinds);
    }

    [Fact]
    public async Task The_same_post_always_gets_the_same_audience()
    {
        await using var sandbox = await SandboxHarness.CreateAsync();
        var remote = await sandbox.PublishAsync("Deterministic, please. #tests");
        var post = await sandbox.WithDbAsync(db => db.SandboxPosts.SingleAsync());
        var stored = await sandbox.WithDbAsync(db => db.SandboxEvents.Where(e => e.PostId == remote.RemoteId).ToListAsync());

        var again = SandboxAudience.Plan(post, "demo.sandbox").Select(r => r.ToEvent(post)).ToList();

        Assert.Equal(Shape(stored), Shape(again));
        Assert.NotEqual(Shape(again), Shape(SandboxAudience.Plan(Copy(post, "another-id"), "demo.sandbox").Select(r => r.ToEvent(post))));
    }

    [Fact]
    public void Longer_posts_with_media_draw_somewhat_more_engagement_on_average()
    {
        static double AverageLikes(string text, int media) => Enumerable.Range(0, 200)
            .Select(i => SandboxAudience.Plan(new SandboxPost { Id = $"post-{i}", AccountId = "a", IdempotencyKey = "k", Text = text, MediaCount = media }, null)
                .Count(r => r.Kind == SandboxEventKinds.Like))
            .Average();

        var plain = AverageLikes("ok", 0);
        var rich = AverageLikes(new string('x', 400), 4);

        Assert.InRange(rich / plain, 1.5, 4.0);
    }

    [Fact]
    public void A_later_part_of_a_thread_draws_less_than_its_root()
    {
        static double Average(string? replyTo) => Enumerable.Range(0, 200)
            .Select(i => SandboxAudience.Plan(new SandboxPost { Id = $"post-{i}", AccountId = "a", IdempotencyKey = "k", Text = "Part of a thread", ReplyToId = replyTo }, null).Count)
            .Average();

        Assert.True(Average("root") < Average(null) * 0.7);
    }

    private static SandboxPost FixedPost(int i, string text) => new()
    {
        Id = $"fixed-post-{i}", AccountId = "a", IdempotencyKey = $"k{i}", Text = text, CreatedAt = SandboxHarness.Start,
    };

    private static List<string> Shape(IEnumerable<SandboxEvent> events) =>
        events.Select(e => $"{e.Kind}|{e.AuthorHandle}|{e.AuthorName}|{e.Text}|{e.Lang}|{e.OccursAt.ToUnixTimeMilliseconds()}").Order(StringComparer.Ordinal).ToList();

    private static SandboxPost Copy(SandboxPost post, string id) => new()
    {
        Id = id, AccountId = post.AccountId, IdempotencyKey = post.IdempotencyKey, Text = post.Text, CreatedAt = post.CreatedAt,
    };
}
