using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Inbox;

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> e)
    {
        e.ToTable("inbox_items");
        e.HasKey(x => x.Id);
        // Deduplication: the insert is "if absent" on this key.
        e.HasIndex(x => new { x.AccountId, x.RemoteId }).IsUnique();
        e.HasIndex(x => new { x.WorkspaceId, x.OccurredAt });
        e.HasIndex(x => new { x.WorkspaceId, x.ConversationKey });
        e.HasIndex(x => x.ContactId);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Priority).HasMaxLength(16);
    }
}

internal sealed class EngagementEventConfiguration : IEntityTypeConfiguration<EngagementEvent>
{
    public void Configure(EntityTypeBuilder<EngagementEvent> e)
    {
        e.ToTable("engagement_events");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.AccountId, x.RemoteId }).IsUnique();
        e.HasIndex(x => new { x.WorkspaceId, x.OccurredAt });
    }
}

internal sealed class InboxCursorConfiguration : IEntityTypeConfiguration<InboxCursor>
{
    public void Configure(EntityTypeBuilder<InboxCursor> e) => e.ToTable("inbox_cursors").HasKey(x => new { x.AccountId, x.Source });
}

internal sealed class InboxReadConfiguration : IEntityTypeConfiguration<InboxRead>
{
    public void Configure(EntityTypeBuilder<InboxRead> e)
    {
        e.ToTable("inbox_reads");
        e.HasKey(x => new { x.UserId, x.ItemId });
        e.HasIndex(x => x.ItemId);
    }
}

internal sealed class InboxReplyConfiguration : IEntityTypeConfiguration<InboxReply>
{
    public void Configure(EntityTypeBuilder<InboxReply> e)
    {
        e.ToTable("inbox_replies");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.ConversationKey });
        e.HasIndex(x => x.ItemId);
    }
}

internal sealed class InboxNoteConfiguration : IEntityTypeConfiguration<InboxNote>
{
    public void Configure(EntityTypeBuilder<InboxNote> e)
    {
        e.ToTable("inbox_notes");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.ConversationKey });
        e.HasIndex(x => x.ContactId);
    }
}

internal sealed class SavedReplyConfiguration : IEntityTypeConfiguration<SavedReply>
{
    public void Configure(EntityTypeBuilder<SavedReply> e)
    {
        e.ToTable("saved_replies");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
    }
}

internal sealed class InboxSettingsConfiguration : IEntityTypeConfiguration<InboxSettings>
{
    public void Configure(EntityTypeBuilder<InboxSettings> e) => e.ToTable("inbox_settings").HasKey(x => x.WorkspaceId);
}
