using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Competitors;

/// <summary>A public account of a competitor the workspace follows: read without credentials, never posted to.</summary>
public sealed class Competitor
{
    public string Id { get; set; } = Data.Ids.New();
    public required string WorkspaceId { get; set; }
    /// <summary>bluesky, mastodon or sandbox.</summary>
    public required string Network { get; set; }
    /// <summary>The normalized handle: "name.bsky.social", "user@instance.social", "rival".</summary>
    public required string Handle { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>The network's stable id (a DID, a Mastodon account id), so a renamed handle still resolves.</summary>
    public string? RemoteId { get; set; }
    /// <summary>Mastodon: the instance the account is read from.</summary>
    public string? InstanceUrl { get; set; }
    public string? ProfileUrl { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset? LastCollectedAt { get; set; }
    /// <summary>When the collector reads it next; a failure pushes it back (backoff) without touching stored figures.</summary>
    public DateTimeOffset NextDueAt { get; set; }
    public int Failures { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A competitor's profile as read once per UTC day (the last reading of the day wins).</summary>
public sealed class CompetitorDaily
{
    public required string CompetitorId { get; set; }
    /// <summary>UTC day as a <see cref="DateOnly.DayNumber"/>.</summary>
    public int Day { get; set; }
    public required string WorkspaceId { get; set; }
    public long Followers { get; set; }
    public long? Following { get; set; }
    /// <summary>The posts the profile says the account has in all (the network's own total).</summary>
    public long? PostsTotal { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>One of a competitor's own posts (not reposts) with its latest public counts.</summary>
public sealed class CompetitorPost
{
    public required string CompetitorId { get; set; }
    /// <summary>The network's id of the post (an at:// uri, a status id).</summary>
    public required string RemoteId { get; set; }
    public required string WorkspaceId { get; set; }
    public string? Url { get; set; }
    /// <summary>The post's text, cut to 500 characters.</summary>
    public string Text { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public int Day { get; set; }
    public int Likes { get; set; }
    public int Reposts { get; set; }
    public int Replies { get; set; }
    public int Quotes { get; set; }
    /// <summary>The competitor's followers when Herald first saw the post: the per-follower rate's denominator, as for the brand.</summary>
    public long FollowersAtPublish { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastReadAt { get; set; }

    public int Engagements => Likes + Reposts + Replies + Quotes;
}

internal sealed class CompetitorConfiguration : IEntityTypeConfiguration<Competitor>
{
    public void Configure(EntityTypeBuilder<Competitor> e)
    {
        e.ToTable("competitors");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.Network, x.Handle }).IsUnique();
        e.HasIndex(x => x.NextDueAt);
        e.Property(x => x.Network).HasMaxLength(32);
        e.Property(x => x.Handle).HasMaxLength(320);
        e.Property(x => x.LastError).HasMaxLength(1000);
    }
}

internal sealed class CompetitorDailyConfiguration : IEntityTypeConfiguration<CompetitorDaily>
{
    public void Configure(EntityTypeBuilder<CompetitorDaily> e)
    {
        e.ToTable("competitor_daily");
        e.HasKey(x => new { x.CompetitorId, x.Day });
        e.HasOne<Competitor>().WithMany().HasForeignKey(x => x.CompetitorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompetitorPostConfiguration : IEntityTypeConfiguration<CompetitorPost>
{
    public void Configure(EntityTypeBuilder<CompetitorPost> e)
    {
        e.ToTable("competitor_posts");
        e.HasKey(x => new { x.CompetitorId, x.RemoteId });
        e.HasIndex(x => new { x.WorkspaceId, x.Day });
        e.Ignore(x => x.Engagements);
        e.Property(x => x.Text).HasMaxLength(500);
        e.HasOne<Competitor>().WithMany().HasForeignKey(x => x.CompetitorId).OnDelete(DeleteBehavior.Cascade);
    }
}
