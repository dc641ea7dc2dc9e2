using Herald.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Reports;

/// <summary>How often a saved report is e-mailed.</summary>
public enum ReportFrequency
{
    None,
    /// <summary>Mondays, covering the previous Monday-to-Sunday week.</summary>
    Weekly,
    /// <summary>The 1st, covering the previous calendar month.</summary>
    Monthly,
}

/// <summary>A saved report definition: period, accounts, sections, notes, and optionally a schedule and recipients.</summary>
public sealed class Report
{
    public string Id { get; set; } = Ids.New();
    public required string WorkspaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>First and last day of the period (yyyy-MM-dd, inclusive) in the workspace's time zone.</summary>
    public required string FromDay { get; set; }
    public required string ToDay { get; set; }
    public string AccountIdsJson { get; set; } = "[]";
    public string SectionsJson { get; set; } = "[]";
    public string? Notes { get; set; }
    public ReportFrequency Frequency { get; set; }
    /// <summary>E-mail addresses, JSON array.</summary>
    public string RecipientsJson { get; set; } = "[]";
    public DateTimeOffset? NextRunAt { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public string? LastError { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A link that shows one report to anyone holding it, until it expires or is revoked. Only the token's hash is stored.</summary>
public sealed class ReportShare
{
    public string Id { get; set; } = Ids.New();
    public required string ReportId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.WorkspaceId);
        e.HasIndex(x => x.NextRunAt);
    }
}

internal sealed class ReportShareConfiguration : IEntityTypeConfiguration<ReportShare>
{
    public void Configure(EntityTypeBuilder<ReportShare> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.ReportId);
    }
}
