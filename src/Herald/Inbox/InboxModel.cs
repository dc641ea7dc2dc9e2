using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Inbox;

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> e)
    {
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
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.AccountId, x.RemoteId }).IsUnique();
        e.HasIndex(x => new { x.WorkspaceId, x.OccurredAt });
    }
}

internal sealed class InboxCursorConfiguration : IEntityTypeConfiguration<InboxCursor>
{
    public void Configure(EntityTypeBuilder<InboxCursor> e) => e.HasKey(x => new { x.AccountId, x.Source });
}

internal sealed class InboxReadConfiguration : IEntityTypeConfiguration<InboxRead>
{
    public void Configure(EntityTypeBuilder<InboxRead> e)
    {
        e.HasKey(x => new { x.UserId, x.ItemId });
        e.HasIndex(x => x.ItemId);
    }
}

internal sealed class InboxReplyConfiguration : IEntityTypeConfiguration<InboxReply>
{
    public void Configure(EntityTypeBuilder<InboxReply> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.ConversationKey });
        e.HasIndex(x => x.ItemId);
    }
}

internal sealed class InboxNoteConfiguration : IEntityTypeConfiguration<InboxNote>
{
    public void Configure(EntityTypeBuilder<InboxNote> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.ConversationKey });
        e.HasIndex(x => x.ContactId);
    }
}

internal sealed class SavedReplyConfiguration : IEntityTypeConfiguration<SavedReply>
{
    public void Configure(EntityTypeBuilder<SavedReply> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
    }
}

internal sealed class InboxSettingsConfiguration : IEntityTypeConfiguration<InboxSettings>
{
    public void Configure(EntityTypeBuilder<InboxSettings> e) => e.HasKey(x => x.WorkspaceId);
}
