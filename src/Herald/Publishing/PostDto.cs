using System.Text.Json;
using Herald.Data;
using Herald.Scheduling;

namespace Herald.Publishing;

/// <summary>A post as the API shows it, with each account's delivery.</summary>
public sealed record PostDto(
    string Id,
    string WorkspaceId,
    string Text,
    string Kind,
    string Status,
    DateTimeOffset? ScheduledAt,
    string? ScheduledLocal,
    string? TimeZone,
    bool Thread,
    IReadOnlyList<string> MediaIds,
    IReadOnlyList<DeliveryDto> Deliveries,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<Violation>? Warnings = null);

/// <summary>One account's delivery of a post: its status, where it is live, what went wrong, and every attempt.</summary>
public sealed record DeliveryDto(
    string Id,
    string AccountId,
    string Network,
    string Status,
    DateTimeOffset? DueAt,
    string? Text,
    string? RemoteId,
    string? Url,
    string? Error,
    string? ErrorCategory,
    DateTimeOffset? PublishedAt,
    int AttemptCount,
    IReadOnlyList<PartDto> Parts,
    IReadOnlyList<AttemptDto>? Attempts);

/// <summary>One post of a thread.</summary>
public sealed record PartDto(int Index, string Text, IReadOnlyList<string> MediaIds, string? RemoteId, string? Url);

/// <summary>One attempt: when, how it ended, how long the network took, and its error.</summary>
public sealed record AttemptDto(int Number, string Worker, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome, int? LatencyMs, string? Error);

internal static class PostMapping
{
    public static string Status(DeliveryStatus s) => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString());

    /// <summary>The post's overall status: the least advanced of its deliveries, with failures first.</summary>
    public static string Aggregate(IReadOnlyCollection<Delivery> deliveries)
    {
        if (deliveries.Count == 0)
        {
            return "draft";
        }
        DeliveryStatus[] order = [DeliveryStatus.Failed, DeliveryStatus.Held, DeliveryStatus.Unknown, DeliveryStatus.Publishing, DeliveryStatus.Retrying,
            DeliveryStatus.Scheduled, DeliveryStatus.Draft, DeliveryStatus.Published, DeliveryStatus.Cancelled];
        var present = deliveries.Select(d => d.Status).ToHashSet();
        if (present.Count == 2 && present.Contains(DeliveryStatus.Published) && present.Contains(DeliveryStatus.Failed))
        {
            return "partially_published";
        }
        return Status(order.First(present.Contains));
    }

    public static PostDto ToDto(Post post, ILookup<string, DeliveryAttempt>? attempts, IReadOnlyList<Violation>? warnings = null) => new(
        post.Id, post.WorkspaceId, post.Text, JsonNamingPolicy.SnakeCaseLower.ConvertName(post.Kind.ToString()), Aggregate(post.Deliveries),
        post.ScheduledAt, post.ScheduledLocal, post.TimeZone, post.SplitIntoThread,
        JsonSerializer.Deserialize<List<string>>(post.MediaIdsJson) ?? [],
        post.Deliveries.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Select(d => ToDto(d, attempts)).ToList(),
        post.CreatedAt, post.UpdatedAt, warnings is { Count: > 0 } ? warnings : null);

    public static DeliveryDto ToDto(Delivery d, ILookup<string, DeliveryAttempt>? attempts)
    {
        var parts = DeliveryPart.Read(d.PartsJson);
        return new(d.Id, d.AccountId, d.Network, Status(d.Status), d.DueAt, d.VariantText,
            d.RemoteId, d.Url, d.Error, d.ErrorCategory, d.PublishedAt, d.AttemptCount,
            parts.Select(p => new PartDto(p.Index, p.Text, p.MediaIds, p.RemoteId, p.Url)).ToList(),
            attempts?[d.Id].OrderBy(a => a.StartedAt).ThenBy(a => a.Number)
                .Select(a => new AttemptDto(a.Number, a.Worker, a.StartedAt, a.FinishedAt, a.Outcome, a.LatencyMs, a.Error)).ToList());
    }
}
