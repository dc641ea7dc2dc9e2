using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Campaigns;

/// <summary>A campaign: posts grouped under a name, with dates (UTC days, both included) and optional goals.</summary>
public sealed class Campaign
{
    public string Id { get; set; } = Data.Ids.New();
    public required string WorkspaceId { get; set; }
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public long? GoalClicks { get; set; }
    public long? GoalEngagements { get; set; }
    public long? GoalImpressions { get; set; }
    /// <summary>Engagement rate per follower to reach, in percent (3 means 3 %).</summary>
    public double? GoalEngagementRate { get; set; }
    public int? GoalPosts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A post's campaign (a post belongs to at most one), kept beside the campaigns rather than on the post.</summary>
public sealed class CampaignPost
{
    public required string PostId { get; set; }
    public required string CampaignId { get; set; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("campaigns");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
        // Days as day numbers: the same integer on both providers, and no DateOnly mapping differences.
        e.Property(x => x.StartsOn).HasConversion(d => d.DayNumber, n => DateOnly.FromDayNumber(n));
        e.Property(x => x.EndsOn).HasConversion(d => d.DayNumber, n => DateOnly.FromDayNumber(n));
    }
}

internal sealed class CampaignPostConfiguration : IEntityTypeConfiguration<CampaignPost>
{
    public void Configure(EntityTypeBuilder<CampaignPost> e)
    {
        e.ToTable("campaign_posts");
        e.HasKey(x => x.PostId);
        e.HasIndex(x => x.CampaignId);
    }
}
