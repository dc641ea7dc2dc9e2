namespace Herald.Tests.Infrastructure;

/// <summary>One request the fake Mastodon received, as the test can inspect it.</summary>
public sealed record FakeMastodonRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A misbehaviour injected into the next calls to one endpoint of the fake Mastodon.</summary>
public sealed record FakeMastodonFault
{
    public int? Status { get; init; }
    public string? Body { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Answers normally: queued before a fault, it makes the fault hit a later call (the second page, say).</summary>
    public bool Pass { get; init; }

    /// <summary>Never answers: the client's time-out fires.</summary>
    public bool Hang { get; init; }

    /// <summary>Does the work (the status is created) and then drops the connection without an answer.</summary>
    public bool DropResponse { get; init; }

    public static FakeMastodonFault Answer(int status, string error, IReadOnlyDictionary<string, string>? headers = null) =>
        new() { Status = status, Body = System.Text.Json.JsonSerializer.Serialize(new { error }), Headers = headers ?? new Dictionary<string, string>() };

    /// <summary>Mastodon's 429: {"error":"Too many requests"} and X-RateLimit-Reset as an ISO 8601 date.</summary>
    public static FakeMastodonFault RateLimited(DateTimeOffset reset) => Answer(429, "Too many requests", new Dictionary<string, string>
    {
        ["X-RateLimit-Limit"] = "300",
        ["X-RateLimit-Remaining"] = "0",
        ["X-RateLimit-Reset"] = reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
    });

    public static readonly FakeMastodonFault Unavailable = Answer(503, "Service Unavailable");

    public static readonly FakeMastodonFault Hangs = new() { Hang = true };

    public static readonly FakeMastodonFault PassesThrough = new() { Pass = true };

    public static readonly FakeMastodonFault DropsResponse = new() { DropResponse = true };
}
