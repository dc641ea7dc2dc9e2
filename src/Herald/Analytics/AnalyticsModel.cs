using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Analytics;

internal sealed class PostMetricsConfiguration : IEntityTypeConfiguration<PostMetrics>
{
    public void Configure(EntityTypeBuilder<PostMetrics> e)
    {
        e.ToTable("post_metrics");
        e.HasKey(x => x.DeliveryId);
        e.Ignore(x => x.Engagements);
        e.HasIndex(x => new { x.WorkspaceId, x.Day });
        e.HasIndex(x => new { x.AccountId, x.Day });
        e.HasIndex(x => x.CampaignId);
        e.HasIndex(x => x.PostId);
        // The collector's claim: an ordered scan of the posts still being followed.
        e.HasIndex(x => x.NextDueAt).HasDatabaseName("ix_post_metrics_due").HasFilter("next_due_at IS NOT NULL");
    }
}

internal sealed class MetricSnapshotConfiguration : IEntityTypeConfiguration<MetricSnapshot>
{
    public void Configure(EntityTypeBuilder<MetricSnapshot> e)
    {
        e.ToTable("metric_snapshots");
        // The key is the only index: a post's history is read by delivery, in time order, and bulk inserts stay fast.
        e.HasKey(x => new { x.DeliveryId, x.TakenAt });
    }
}

internal sealed class AccountDailyConfiguration : IEntityTypeConfiguration<AccountDaily>
{
    public void Configure(EntityTypeBuilder<AccountDaily> e)
    {
        e.ToTable("account_daily");
        e.HasKey(x => new { x.AccountId, x.Day });
        e.HasIndex(x => new { x.WorkspaceId, x.Day });
        // The KPIs' follower growth walks a workspace's accounts through it (one seek per account).
        e.HasIndex(x => new { x.WorkspaceId, x.AccountId });
    }
}

internal sealed class WorkspaceDailyConfiguration : IEntityTypeConfiguration<WorkspaceDaily>
{
    public void Configure(EntityTypeBuilder<WorkspaceDaily> e)
    {
        e.ToTable("workspace_daily");
        e.HasKey(x => new { x.WorkspaceId, x.Day, x.Network });
    }
}

internal sealed class PostMixDailyConfiguration : IEntityTypeConfiguration<PostMixDaily>
{
    public void Configure(EntityTypeBuilder<PostMixDaily> e)
    {
        e.ToTable("post_mix_daily");
        e.HasKey(x => new { x.WorkspaceId, x.Day, x.Network, x.ContentType, x.LocalHour, x.LocalWeekday });
    }
}
