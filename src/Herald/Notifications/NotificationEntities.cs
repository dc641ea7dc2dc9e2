using Herald.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Notifications;

/// <summary>What kind of channel a workspace notifies through.</summary>
public enum ChannelKind
{
    Email,
    Webhook,
}

/// <summary>A place a workspace's notifications go: a list of e-mail recipients, or a Slack-compatible incoming webhook.</summary>
public sealed class NotificationChannel
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public ChannelKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>E-mail channels: JSON array of addresses and "member:&lt;user id&gt;" entries, resolved when sending.</summary>
    public string RecipientsJson { get; set; } = "[]";
    /// <summary>Webhook channels: the URL, encrypted (Slack-style URLs are bearer secrets).</summary>
    public string? ProtectedUrl { get; set; }
    /// <summary>Scheme and host of the URL, safe to show.</summary>
    public string? UrlHint { get; set; }
    /// <summary>The HMAC signing secret, encrypted.</summary>
    public string? ProtectedSecret { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Where an outbox message stands.</summary>
public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Failed,
}

/// <summary>One notification to one channel (or one e-mail address), kept until sent or given up: nothing is lost on restart.</summary>
public sealed class OutboxMessage
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    /// <summary>The channel, or null when <see cref="Recipient"/> names one person's address (an escalation step).</summary>
    public string? ChannelId { get; set; }
    public string? Recipient { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> e)
    {
        e.ToTable("notification_channels");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("notification_outbox");
        e.HasKey(x => x.Id);
        // The worker's scan: due messages only.
        e.HasIndex(x => x.NextAttemptAt).HasDatabaseName("ix_notification_outbox_due").HasFilter("status IN ('Pending','Sending')");
        e.HasIndex(x => new { x.WorkspaceId, x.CreatedAt });
    }
}
