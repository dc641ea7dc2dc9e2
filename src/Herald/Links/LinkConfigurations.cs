using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Links;

internal sealed class TrackedLinkConfiguration : IEntityTypeConfiguration<TrackedLink>
{
    public void Configure(EntityTypeBuilder<TrackedLink> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => new { x.WorkspaceId, x.CreatedAt });
        e.HasIndex(x => x.PostId);
        e.HasIndex(x => x.DeliveryId);
        e.Property(x => x.Code).HasMaxLength(16);
    }
}

internal sealed class LinkClickConfiguration : IEntityTypeConfiguration<LinkClick>
{
    public void Configure(EntityTypeBuilder<LinkClick> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.LinkId, x.Day });
        e.Property(x => x.Visitor).HasMaxLength(32);
    }
}

internal sealed class LinkConversionConfiguration : IEntityTypeConfiguration<LinkConversion>
{
    public void Configure(EntityTypeBuilder<LinkConversion> e)
    {
        e.HasKey(x => x.Id);
        // Reloading a thank-you page does not count twice.
        e.HasIndex(x => new { x.ClickId, x.Goal }).IsUnique();
        e.HasIndex(x => new { x.LinkId, x.Day });
        e.Property(x => x.Goal).HasMaxLength(64);
    }
}

internal sealed class LinkSettingsConfiguration : IEntityTypeConfiguration<LinkSettings>
{
    public void Configure(EntityTypeBuilder<LinkSettings> e) => e.HasKey(x => x.WorkspaceId);
}

internal sealed class LinkSaltConfiguration : IEntityTypeConfiguration<LinkSalt>
{
    public void Configure(EntityTypeBuilder<LinkSalt> e)
    {
        e.HasKey(x => x.Day);
        e.Property(x => x.Day).ValueGeneratedNever();
    }
}
