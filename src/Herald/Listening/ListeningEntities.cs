using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Listening;

/// <summary>What a query tracks, for share of voice: the workspace's own brand, a competitor, or a topic.</summary>
public enum QueryRole { Brand, Competitor, Topic }

/// <summary>A workspace's listening query: a name, the boolean query text, and its role.</summary>
public sealed class ListeningQuery
{
    public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Text { get; set; } = "";
    public QueryRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A post that matched a query, once per query and source URI; its sentiment when an analyzer is installed.</summary>
public sealed class Mention
{
    public string Id { get; set; } = "";
    public string QueryId { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string Source { get; set; } = "";
    public string SourceUri { get; set; } = "";
    public string? Url { get; set; }
    public string AuthorId { get; set; } = "";
    public string? AuthorHandle { get; set; }
    public long? AuthorFollowers { get; set; }
    public string Text { get; set; } = "";
    public string? Lang { get; set; }
    public string? Sentiment { get; set; }
    public int Engagement { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>The last handled position of an event stream (e.g. the Bluesky firehose's seq), to resume after a restart.</summary>
public sealed class ListeningCursor
{
    public string Stream { get; set; } = "";
    public long Position { get; set; }
}

internal sealed class ListeningQueryConfiguration : IEntityTypeConfiguration<ListeningQuery>
{
    public void Configure(EntityTypeBuilder<ListeningQuery> e)
    {
        e.ToTable("listening_queries");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
        e.Property(x => x.Text).HasMaxLength(Query.QueryParser.MaxLength);
    }
}

internal sealed class MentionConfiguration : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> e)
    {
        e.ToTable("listening_mentions");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.QueryId, x.SourceUri }).IsUnique();
        e.HasIndex(x => new { x.WorkspaceId, x.PublishedAt });
        e.HasIndex(x => new { x.QueryId, x.PublishedAt });
    }
}

internal sealed class ListeningCursorConfiguration : IEntityTypeConfiguration<ListeningCursor>
{
    public void Configure(EntityTypeBuilder<ListeningCursor> e)
    {
        e.ToTable("listening_cursors");
        e.HasKey(x => x.Stream);
    }
}
