namespace Herald.Networks;

/// <summary>Why a network call did not succeed; the dispatcher alone decides what to do about it.</summary>
public enum FailureKind
{
    /// <summary>429: wait as Retry-After / RateLimit-* say, then retry.</summary>
    RateLimited,
    /// <summary>5xx, time-out, connection refused: retry with backoff.</summary>
    Transient,
    /// <summary>Credentials rejected even after one refresh: the account needs reconnecting.</summary>
    AuthExpired,
    /// <summary>The network refused the content: fail at once with its message.</summary>
    InvalidContent,
    /// <summary>The request may or may not have taken effect (time-out after sending): reconcile before any retry.</summary>
    UnknownOutcome,
    /// <summary>Anything else the network said no to, which a retry will not fix.</summary>
    Permanent,
}

/// <summary>A failed network call, with the network's own message.</summary>
public sealed record NetworkFailure(FailureKind Kind, string Message, TimeSpan? RetryAfter = null, int? StatusCode = null)
{
    public override string ToString() => StatusCode is { } code ? $"{Kind} ({code}): {Message}" : $"{Kind}: {Message}";
}

/// <summary>A post as it exists on the network.</summary>
public sealed record RemotePost(string RemoteId, string? Url, string? Cid = null);

/// <summary>Success with a value, or a categorized failure. Connectors return these instead of throwing.</summary>
public readonly record struct NetworkResult<T>(T? Value, NetworkFailure? Failure)
{
    public bool Ok => Failure is null;

    public static implicit operator NetworkResult<T>(NetworkFailure failure) => new(default, failure);

    public static NetworkResult<T> Success(T value) => new(value, null);
}

/// <summary>What reconciliation found on the network for a part whose outcome was unknown.</summary>
public enum LookupOutcome
{
    Found,
    NotFound,
}

/// <summary>The result of looking for a part on the network.</summary>
public sealed record LookupResult(LookupOutcome Outcome, RemotePost? Post)
{
    public static readonly LookupResult NotFound = new(LookupOutcome.NotFound, null);

    public static LookupResult Found(RemotePost post) => new(LookupOutcome.Found, post);
}
