using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Analytics;

/// <summary>A note the team pins on a day ("new logo on the 12th"), shown beside the series and what changed.</summary>
public sealed class Annotation
{
    public string Id { get; set; } = Data.Ids.New();
    public required string WorkspaceId { get; set; }
    /// <summary>UTC day as a <see cref="DateOnly.DayNumber"/>.</summary>
    public int Day { get; set; }
    public required string Text { get; set; }
    public string? AccountId { get; set; }
    public required string AuthorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> e)
    {
        e.ToTable("annotations");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.Day });
        e.Property(x => x.Text).HasMaxLength(500);
    }
}
