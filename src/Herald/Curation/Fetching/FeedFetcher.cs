using System.Net;
using System.Net.Http.Headers;
using Herald.Networks;
using Microsoft.Extensions.Options;

namespace Herald.Curation.Fetching;

/// <summary>
/// Fetches feeds and articles from user-supplied URLs safely: only public addresses (checked on the address actually
/// connected to, after every redirect, by <see cref="AddressGuard"/>), a bounded number of redirects, a size and a time
/// limit, and conditional GET. Never throws for what the remote side does: the result says what happened.
/// </summary>
public sealed class FeedFetcher(HttpClient http, FetchOptions options, TimeProvider time)
{
    /// <summary>A fetcher whose handler refuses private addresses unless <paramref name="allowPrivate"/>.</summary>
    public static FeedFetcher Create(bool allowPrivate, FetchOptions? options = null, TimeProvider? time = null) =>
        new(new HttpClient(AddressGuard.CreateHandler(allowPrivate)) { Timeout = Timeout.InfiniteTimeSpan },
            options ?? new FetchOptions { AllowPrivateAddresses = allowPrivate }, time ?? TimeProvider.System);

    public async Task<FetchResult> FetchAsync(string url, string? etag = null, string? lastModified = null, string accept = FetchOptions.FeedAccept,
        CancellationToken ct = default)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return FetchResult.Fail(url ?? "", "Not an http or https URL.");
        }
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (AddressGuard.RefuseLiteral(uri.AbsoluteUri, options.AllowPrivateAddresses) is { } refused)
                {
                    return FetchResult.Fail(uri.AbsoluteUri, refused.Message);
                }
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.UserAgent.ParseAdd(FetchOptions.UserAgent);
                request.Headers.Accept.ParseAdd(accept);
                if (hop == 0 && etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }
                if (hop == 0 && lastModified is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                }
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (hop >= options.MaxRedirects)
                    {
                        return FetchResult.Fail(uri.AbsoluteUri, $"Too many redirects (more than {options.MaxRedirects}).");
                    }
                    if (response.Headers.Location is not { } location || !Uri.TryCreate(uri, location, out var next) || next.Scheme is not ("http" or "https"))
                    {
                        return FetchResult.Fail(uri.AbsoluteUri, "A redirect without a usable http(s) location.");
                    }
                    uri = next;
                    continue;
                }
                if (status == 304)
                {
                    return new FetchResult(FetchStatus.NotModified, uri.AbsoluteUri, null, null, null, etag, lastModified, null, null);
                }
                if (status is < 200 or > 299)
                {
                    return FetchResult.Fail(uri.AbsoluteUri, $"The server answered {status} {response.ReasonPhrase}.", RetryAfter(response), status);
                }
                if (response.Content.Headers.ContentLength > options.MaxBytes)
                {
                    return FetchResult.Fail(uri.AbsoluteUri, $"The document is larger than {options.MaxBytes / (1024 * 1024)} MB.");
                }
                var body = await ReadLimitedAsync(response.Content, options.MaxBytes, linked.Token);
                if (body is null)
                {
                    return FetchResult.Fail(uri.AbsoluteUri, $"The document is larger than {options.MaxBytes / (1024 * 1024)} MB.");
                }
                var type = response.Content.Headers.ContentType;
                return new FetchResult(FetchStatus.Ok, uri.AbsoluteUri, body, type?.MediaType, type?.CharSet,
                    response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), null, null);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return FetchResult.Fail(uri.AbsoluteUri, $"No complete answer within {options.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Fail(uri.AbsoluteUri, AddressGuard.Refusal(ex)?.Message ?? $"Could not fetch: {ex.Message}");
        }
        catch (IOException ex)
        {
            return FetchResult.Fail(uri.AbsoluteUri, AddressGuard.Refusal(ex)?.Message ?? $"Could not fetch: {ex.Message}");
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long max, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not RetryConditionHeaderValue retry)
        {
            return null;
        }
        if (retry.Delta is { } delta)
        {
            return delta;
        }
        return retry.Date is { } date ? date - time.GetUtcNow() : null;
    }
}

/// <summary>Limits for <see cref="FeedFetcher"/> (section "Curation" of the configuration).</summary>
public sealed class FetchOptions
{
    public const string UserAgent = "Herald/1.0 (feed reader; +https://github.com/herald)";
    public const string FeedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
    public const string PageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    public bool AllowPrivateAddresses { get; set; }
    public int MaxRedirects { get; set; } = 5;
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The options from configuration, the private-address switch shared with the networks.</summary>
    public static FetchOptions From(IServiceProvider services)
    {
        var o = new FetchOptions();
        services.GetService<IConfiguration>()?.GetSection("Curation").Bind(o);
        o.AllowPrivateAddresses = services.GetRequiredService<IOptions<NetworkOptions>>().Value.AllowPrivateAddresses;
        return o;
    }
}

/// <summary>What a fetch gave.</summary>
public enum FetchStatus { Ok, NotModified, Failed }

/// <summary>The outcome of a fetch; on failure, a message for a person and how long the server asked us to wait.</summary>
public sealed record FetchResult(FetchStatus Status, string FinalUrl, byte[]? Body, string? MediaType, string? Charset,
    string? ETag, string? LastModified, string? Error, TimeSpan? RetryAfter, int? HttpStatus = null)
{
    public static FetchResult Fail(string url, string error, TimeSpan? retryAfter = null, int? status = null) =>
        new(FetchStatus.Failed, url, null, null, null, null, null, error, retryAfter, status);
}
