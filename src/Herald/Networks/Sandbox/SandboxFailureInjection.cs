using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Herald.Networks.Sandbox;

/// <summary>
/// Deterministic failures for demos and tests, asked for by a hashtag in the text:
/// #sandbox-fail (refused content, always), #sandbox-429 and #sandbox-500 (rate limit / server error on the first attempt
/// only), #sandbox-timeout (the post is created but the first answer is lost: exercises reconciliation).
/// </summary>
/// <remarks>
/// "Already failed once" lives in memory, not in a table: it is a demo aid, and after a restart the worst case is one more
/// simulated failure, which the retry path handles anyway. It needs no schema change, and the connector is a singleton.
/// </remarks>
internal sealed partial class SandboxFailureInjection
{
    private readonly ConcurrentDictionary<string, byte> _alreadyFailed = new(StringComparer.Ordinal);

    /// <summary>The failure to return before anything is created, or null to go on.</summary>
    public NetworkFailure? BeforePublish(string accountId, PartToPublish part)
    {
        if (Has(part.Text, "fail"))
        {
            return new NetworkFailure(FailureKind.InvalidContent, "Sandbox rejected this post (#sandbox-fail)", StatusCode: 422);
        }
        if (Has(part.Text, "429") && FirstTime(accountId, part.IdempotencyKey, "429"))
        {
            return new NetworkFailure(FailureKind.RateLimited, "Sandbox rate limit (#sandbox-429): try again in 30 seconds.", TimeSpan.FromSeconds(30), 429);
        }
        if (Has(part.Text, "500") && FirstTime(accountId, part.IdempotencyKey, "500"))
        {
            return new NetworkFailure(FailureKind.Transient, "Sandbox server error (#sandbox-500).", StatusCode: 500);
        }
        return null;
    }

    /// <summary>The failure to return after the post was created (its answer "lost"), or null.</summary>
    public NetworkFailure? AfterPublish(string accountId, PartToPublish part) =>
        Has(part.Text, "timeout") && FirstTime(accountId, part.IdempotencyKey, "timeout")
            ? new NetworkFailure(FailureKind.UnknownOutcome, "Sandbox did not answer in time (#sandbox-timeout); the post may exist.")
            : null;

    private bool FirstTime(string accountId, string idempotencyKey, string tag) =>
        _alreadyFailed.TryAdd($"{accountId}\n{idempotencyKey}\n{tag}", 0);

    private static bool Has(string text, string tag)
    {
        foreach (Match match in ControlTag().Matches(text))
        {
            if (string.Equals(match.Groups[1].Value, tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"#sandbox-(fail|429|500|timeout)(?![\p{L}\p{N}_-])", RegexOptions.IgnoreCase)]
    private static partial Regex ControlTag();
}
