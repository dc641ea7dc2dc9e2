using System.Diagnostics;
using Herald.Media;
using Herald.Networks;

namespace Herald.Scheduling;

/// <summary>
/// Publishes one claimed delivery: reconciles first when an earlier outcome is unknown, then sends each part not yet on the
/// network (a thread part by part, saving progress after each), and decides what happens next from the connector's result.
/// </summary>
public sealed class PublishRunner(
    NetworkRegistry networks,
    AccountDirectory accounts,
    DeliveryStore store,
    MediaStore media,
    ConcurrencyBudget budget,
    RetryPolicy retry,
    DispatcherOptions options,
    TimeProvider time,
    ILogger<PublishRunner> log)
{
    /// <summary>Publishes a claimed delivery; null if its lease was lost while it waited (another process took it over).</summary>
    public async Task<DeliveryCompletion?> RunAsync(ClaimedDelivery claim, string worker, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var claimedAt = time.GetUtcNow();
        var parts = DeliveryPart.Read(claim.PartsJson);
        var account = await accounts.GetAsync(claim.AccountId, ct);
        if (account is null || account.Status != "Active")
        {
            return Complete(claim, parts, started, "Held", "held", account is null ? "The account no longer exists." : "The account needs reconnecting.", "auth_expired");
        }
        var connector = networks.Find(account.Network);
        if (connector is null)
        {
            return Complete(claim, parts, started, "Failed", "failed", $"Herald has no connector for '{account.Network}'.", "permanent");
        }

        using var slot = await budget.EnterAsync(account.Network, account.Rules.NetworkConcurrency, account.Id, account.Rules.AccountConcurrency, ct);
        if (time.GetUtcNow() - claimedAt > options.Lease / 3
            && !await store.RenewLeaseAsync(claim.Id, worker, time.GetUtcNow() + options.Lease, ct))
        {
            // Waited so long for a slot that the lease ran out and another process took the delivery: leave it to them.
            log.LogWarning("Delivery {DeliveryId}: lease lost while waiting for a slot; not publishing it here", claim.Id);
            return null;
        }
        var context = accounts.ContextFor(account);

        // An earlier attempt may have reached the network: look before sending anything again.
        if (claim.PreviousStatus == "Unknown")
        {
            foreach (var part in parts.Where(p => p.RemoteId is null))
            {
                var lookup = await connector.FindAsync(context, await ToPublishAsync(part, ct), ct);
                if (!lookup.Ok)
                {
                    // Could not tell: stay unknown, look again later. Never publish blind.
                    return await FailureAsync(claim, parts, started, lookup.Failure! with { Kind = lookup.Failure.Kind == FailureKind.AuthExpired ? FailureKind.AuthExpired : FailureKind.UnknownOutcome }, account.Id, ct);
                }
                if (lookup.Value!.Outcome == LookupOutcome.Found)
                {
                    Apply(part, lookup.Value.Post!);
                    log.LogInformation("Delivery {DeliveryId} part {Part} was already on {Network}: reconciled, not sent again", claim.Id, part.Index, account.Network);
                }
                else
                {
                    break; // Parts go out in order: nothing after a missing part can exist.
                }
            }
        }

        var reconciledOnly = parts.All(p => p.RemoteId is not null);
        foreach (var part in parts.Where(p => p.RemoteId is null))
        {
            // A reply from the inbox answers someone else's post; the rest of a thread hangs under the same root.
            var thread = part.Index == 0 ? part.InReplyTo?.ToThreadRefs() : new ThreadRefs(parts[0].InReplyTo?.Root ?? Ref(parts[0]), Ref(parts[part.Index - 1]));
            if (thread is { Direct: true } && !connector.SendsPrivateReplies)
            {
                return await FailureAsync(claim, parts, started, new NetworkFailure(FailureKind.Permanent,
                    $"{account.Network} cannot send a private reply to a direct message; answer it on the network itself."), account.Id, ct);
            }
            var result = await connector.PublishAsync(context, await ToPublishAsync(part, ct), thread, ct);
            if (!result.Ok)
            {
                return await FailureAsync(claim, parts, started, result.Failure!, account.Id, ct);
            }
            Apply(part, result.Value!);
            if (part.Index < parts.Count - 1)
            {
                await store.SavePartsAsync(claim.Id, worker, DeliveryPart.Write(parts), time.GetUtcNow() + options.Lease, ct);
            }
        }
        var first = parts[0];
        return Complete(claim, parts, started, "Published", reconciledOnly ? "reconciled" : "published", null, null, first.RemoteId, first.Url, publishedAt: time.GetUtcNow());
    }

    private async Task<DeliveryCompletion> FailureAsync(ClaimedDelivery claim, List<DeliveryPart> parts, long started, NetworkFailure failure, string accountId, CancellationToken ct)
    {
        if (failure.Kind == FailureKind.RateLimited)
        {
            var wait = failure.RetryAfter ?? retry.DefaultRateLimitWait;
            await store.SetAccountRateLimitAsync(accountId, time.GetUtcNow() + wait, ct);
        }
        else if (failure.Kind == FailureKind.AuthExpired)
        {
            await store.HoldAccountAsync(accountId, failure.Message, time.GetUtcNow(), ct);
            accounts.Forget(accountId);
        }
        return Failure(claim, parts, started, failure);
    }

    private DeliveryCompletion Failure(ClaimedDelivery claim, List<DeliveryPart> parts, long started, NetworkFailure failure)
    {
        var now = time.GetUtcNow();
        var sent = parts.Count(p => p.RemoteId is not null);
        var where = parts.Count > 1 ? $"Part {sent + 1} of {parts.Count}: " : "";
        var message = where + failure.Message;
        var category = failure.Kind.ToString();
        switch (failure.Kind)
        {
            case FailureKind.RateLimited when claim.AttemptCount < retry.MaxAttempts:
                return Complete(claim, parts, started, "Retrying", "rate_limited", message, category, due: now + (failure.RetryAfter ?? retry.DefaultRateLimitWait));
            case FailureKind.Transient when claim.AttemptCount < retry.MaxTransientAttempts:
                return Complete(claim, parts, started, "Retrying", "transient", message, category, due: now + retry.Backoff(claim.AttemptCount, failure.RetryAfter));
            case FailureKind.UnknownOutcome when claim.AttemptCount < retry.MaxAttempts:
                return Complete(claim, parts, started, "Unknown", "unknown", message, category, due: now + retry.Backoff(claim.AttemptCount, retry.UnknownRecheckDelay));
            case FailureKind.AuthExpired:
                return Complete(claim, parts, started, "Held", "auth", message, category);
            case FailureKind.RateLimited or FailureKind.Transient or FailureKind.UnknownOutcome:
                return Complete(claim, parts, started, "Failed", failure.Kind == FailureKind.Transient ? "transient" : "failed", $"Gave up after {claim.AttemptCount} attempts. {message}", category);
            default:
                return Complete(claim, parts, started, "Failed", "failed", message, category);
        }
    }

    private DeliveryCompletion Complete(ClaimedDelivery claim, List<DeliveryPart> parts, long started, string status, string outcome,
        string? error, string? category, string? remoteId = null, string? url = null, DateTimeOffset? due = null, DateTimeOffset? publishedAt = null) =>
        new(claim.Id, claim.AttemptId, status, outcome, DeliveryPart.Write(parts), remoteId, url, error,
            category is null ? null : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(category),
            due?.ToUnixTimeMilliseconds(), publishedAt?.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds(),
            (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    private async Task<PartToPublish> ToPublishAsync(DeliveryPart part, CancellationToken ct) =>
        new(part.Index, part.Text, await media.LoadAsync(part.MediaIds, ct), part.RecordKey, part.IdempotencyKey, part.CreatedAt);

    private static void Apply(DeliveryPart part, RemotePost post)
    {
        part.RemoteId = post.RemoteId;
        part.Url = post.Url;
        part.Cid = post.Cid;
    }

    private static RemotePost Ref(DeliveryPart part) => new(part.RemoteId!, part.Url, part.Cid);
}
