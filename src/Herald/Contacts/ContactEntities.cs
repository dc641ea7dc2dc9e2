using Herald.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>One person on one network, as the brand knows them from their interactions.</summary>
public sealed class Contact
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string Network { get; set; }
    /// <summary>The handle: unique per workspace and network.</summary>
    public required string Handle { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>Kept as text and shown as text: never fetched by Herald, never put in an img tag.</summary>
    public string? AvatarUrl { get; set; }
    public bool FollowsBrand { get; set; }
    public string Tags { get; set; } = "";
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>A record that a person's data was exported or erased, by whom and when (GDPR accountability).</summary>
public sealed class ContactAudit
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    /// <summary>The contact's id at the time (the row itself may be gone after an erase).</summary>
    public required string ContactId { get; set; }
    /// <summary>"export" or "erase".</summary>
    public required string Action { get; set; }
    public required string UserId { get; set; }
    /// <summary>What was done, with counts only (no personal data): {"items":3,"notes":1,"engagements":5}.</summary>
    public string Detail { get; set; } = "{}";
    public DateTimeOffset At { get; set; }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        e.ToTable("contacts");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.Network, x.Handle }).IsUnique();
    }
}

internal sealed class ContactAuditConfiguration : IEntityTypeConfiguration<ContactAudit>
{
    public void Configure(EntityTypeBuilder<ContactAudit> e)
    {
        e.ToTable("contact_audits");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
    }
}
