using Herald.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Crisis;

/// <summary>Counts of one workspace's new items in one minute: rules read these, never the items.</summary>
public sealed class SignalRollup
{
    public required string WorkspaceId { get; set; }
    public DateTimeOffset BucketStart { get; set; }
    public int Total { get; set; }
    public int Negative { get; set; }
}

/// <summary>What a rule watches.</summary>
public enum CrisisRuleKind
{
    /// <summary>The share of negative items over the window is at least the threshold (a percentage).</summary>
    NegativeShare,
    /// <summary>The volume over the window is at least the threshold times its usual level for that hour of the week.</summary>
    Volume,
}

/// <summary>A workspace's rule over a rolling window.</summary>
public sealed class CrisisRule
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string Name { get; set; }
    public CrisisRuleKind Kind { get; set; }
    public int WindowMinutes { get; set; } = 60;
    /// <summary>A percentage (NegativeShare) or a ratio to the usual level (Volume).</summary>
    public double Threshold { get; set; }
    /// <summary>Below this many items in the window the rule stays quiet (a few angry replies are not a crisis).</summary>
    public int MinimumCount { get; set; }
    /// <summary>Volume: how many previous weeks make the usual level.</summary>
    public int BaselineWeeks { get; set; } = 6;
    public bool Enabled { get; set; } = true;
    /// <summary>True while the condition holds: an alert is raised when it becomes true, once per episode.</summary>
    public bool Firing { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Where an alert stands.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>A rule fired: what it saw, who was told, who acknowledged and resolved it.</summary>
public sealed class CrisisAlert
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string RuleId { get; set; }
    public required string RuleName { get; set; }
    public CrisisRuleKind Kind { get; set; }
    public AlertStatus Status { get; set; }
    public required string Summary { get; set; }
    public int Count { get; set; }
    public int Negative { get; set; }
    public double? Baseline { get; set; }
    public int WindowMinutes { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    /// <summary>The escalation step to notify next (0-based), and when; null when the chain has stopped.</summary>
    public int NextStep { get; set; }
    public DateTimeOffset? NextEscalationAt { get; set; }
}

/// <summary>Something that happened to an alert (raised, step notified, acknowledged, resolved), for its history.</summary>
public sealed class CrisisAlertEvent
{
    public string Id { get; set; } = Ids.New();
    public required string AlertId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string What { get; set; }
    public string? Detail { get; set; }
    public string? UserId { get; set; }
}

/// <summary>One step of a workspace's escalation chain: tell a member or a channel, then wait before the next step.</summary>
public sealed class EscalationStep
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public int Position { get; set; }
    public string? UserId { get; set; }
    public string? ChannelId { get; set; }
    public int WaitMinutes { get; set; } = 15;
}

/// <summary>Whether a workspace is in crisis mode (its scheduled posts held), since when and by whom.</summary>
public sealed class CrisisModeState
{
    public required string WorkspaceId { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset? Since { get; set; }
    public string? By { get; set; }
}

/// <summary>The crisis-mode audit log: every pause and resume, who, when, and how many posts it touched.</summary>
public sealed class CrisisModeLog
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    /// <summary>"on" or "off".</summary>
    public required string Action { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>On: deliveries held. Off: deliveries scheduled again.</summary>
    public int Deliveries { get; set; }
    /// <summary>On: deliveries already publishing (not recallable). Off: deliveries whose time passed, kept held for review.</summary>
    public int Other { get; set; }
    public string? Note { get; set; }
}

internal sealed class CrisisConfiguration :
    IEntityTypeConfiguration<SignalRollup>, IEntityTypeConfiguration<CrisisRule>, IEntityTypeConfiguration<CrisisAlert>,
    IEntityTypeConfiguration<CrisisAlertEvent>, IEntityTypeConfiguration<EscalationStep>, IEntityTypeConfiguration<CrisisModeState>,
    IEntityTypeConfiguration<CrisisModeLog>
{
    public void Configure(EntityTypeBuilder<SignalRollup> e)
    {
        e.ToTable("crisis_signal_rollups");
        e.HasKey(x => new { x.WorkspaceId, x.BucketStart });
    }

    public void Configure(EntityTypeBuilder<CrisisRule> e)
    {
        e.ToTable("crisis_rules");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
    }

    public void Configure(EntityTypeBuilder<CrisisAlert> e)
    {
        e.ToTable("crisis_alerts");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.RaisedAt });
        e.HasIndex(x => x.NextEscalationAt);
    }

    public void Configure(EntityTypeBuilder<CrisisAlertEvent> e)
    {
        e.ToTable("crisis_alert_events");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.AlertId);
    }

    public void Configure(EntityTypeBuilder<EscalationStep> e)
    {
        e.ToTable("crisis_escalation_steps");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.Position });
    }

    public void Configure(EntityTypeBuilder<CrisisModeState> e)
    {
        e.ToTable("crisis_mode_states");
        e.HasKey(x => x.WorkspaceId);
    }

    public void Configure(EntityTypeBuilder<CrisisModeLog> e)
    {
        e.ToTable("crisis_mode_log");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.WorkspaceId, x.At });
    }
}
