using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Herald.Networks;

/// <summary>Turns HTTP answers and exceptions into failure categories, the same way for every connector.</summary>
public static class HttpFailures
{
    /// <summary>How long the server asked us to wait: Retry-After (seconds or date), else RateLimit-Reset / X-RateLimit-Reset (delta seconds, epoch seconds or a date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return Clamp(delta);
            }
            if (retryAfter.Date is { } date)
            {
                return Clamp(date - now);
            }
        }
        foreach (var name in new[] { "RateLimit-Reset", "X-RateLimit-Reset", "ratelimit-reset" })
        {
            if (!response.Headers.TryGetValues(name, out var values))
            {
                continue;
            }
            var raw = values.FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(raw))
            {
                continue;
            }
            if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                // Large numbers are epoch seconds (Bluesky's PDS); small ones are seconds from now (the IETF draft).
                return number > 1_000_000_000
                    ? Clamp(DateTimeOffset.FromUnixTimeSeconds(number) - now)
                    : Clamp(TimeSpan.FromSeconds(number));
            }
            if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                return Clamp(when - now);
            }
        }
        return null;
    }

    private static TimeSpan Clamp(TimeSpan value) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > TimeSpan.FromHours(24) ? TimeSpan.FromHours(24) : value;

    /// <summary>Classifies a non-success response. 400/422 are the network refusing the content; 401/403 auth; 429 rate limit; 5xx transient.</summary>
    public static NetworkFailure FromResponse(HttpResponseMessage response, string message, TimeProvider time)
    {
        var code = (int)response.StatusCode;
        var kind = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => FailureKind.RateLimited,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => FailureKind.AuthExpired,
            HttpStatusCode.RequestTimeout => FailureKind.Transient,
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge
                or HttpStatusCode.UnsupportedMediaType => FailureKind.InvalidContent,
            _ when code >= 500 => FailureKind.Transient,
            _ => FailureKind.Permanent,
        };
        var retryAfter = kind is FailureKind.RateLimited or FailureKind.Transient ? RetryAfter(response, time) : null;
        return new NetworkFailure(kind, message, retryAfter, code);
    }

    /// <summary>
    /// Classifies an exception from sending a request. A refused connection or DNS failure never reached the network (transient);
    /// a time-out or a dropped connection after a publishing request was sent may have taken effect (unknown outcome);
    /// an address the <see cref="AddressGuard"/> refused stays refused (permanent).
    /// </summary>
    public static NetworkFailure FromException(Exception exception, bool mutating)
    {
        if (AddressGuard.Refusal(exception) is { } refused)
        {
            return refused;
        }
        var neverSent = exception is HttpRequestException { InnerException: SocketException se }
            && se.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable;
        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
        {
            neverSent = true;
        }
        var kind = neverSent || !mutating ? FailureKind.Transient : FailureKind.UnknownOutcome;
        var message = exception switch
        {
            TaskCanceledException or TimeoutException => "The network did not answer in time.",
            HttpRequestException hre => $"Could not reach the network: {hre.Message}",
            _ => $"Network call failed: {exception.Message}",
        };
        return new NetworkFailure(kind, message);
    }
}
