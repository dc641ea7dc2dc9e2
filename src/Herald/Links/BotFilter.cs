using System.Buffers;

namespace Herald.Links;

/// <summary>
/// Tells human clicks from bots, link-preview fetchers and prefetches. Filtered requests are still redirected and recorded,
/// with the reason, and counted apart: nothing is silently dropped.
/// </summary>
public static class BotFilter
{
    // Substrings of user agents, lower case. Link-preview fetchers first: they fetch every link posted, so without this
    // list a post seen by 500 Mastodon instances would count 500 clicks.
    private static readonly string[] Agents =
    [
        "slackbot", "slack-imgproxy", "twitterbot", "facebookexternalhit", "facebot", "meta-externalagent", "discordbot", "whatsapp",
        "telegrambot", "linkedinbot", "skypeuripreview", "iframely", "embedly", "redditbot", "pinterest", "vkshare", "snapchat",
        "cardyb", "bluesky", "bsky", "mastodon", "pleroma", "akkoma", "misskey", "gotosocial", "friendica", "http.rb", "lemmy",
        "googlebot", "bingbot", "applebot", "yandex", "baiduspider", "duckduckbot", "petalbot", "semrush", "ahrefs", "gptbot",
        "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "httpx", "go-http-client", "okhttp", "axios", "node-fetch",
        "undici", "java/", "libwww-perl", "httpclient", "headlesschrome", "phantomjs", "lighthouse", "preview", "bot", "crawler",
        "spider", "scraper", "fetcher", "monitor", "uptime",
    ];

    // One vectorised pass over the user agent answers the common case (a human: no agent matches); the list is walked
    // only to name the match.
    private static readonly SearchValues<string> AnyAgent = SearchValues.Create(Agents, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the request is not a human click, or null when it is one.</summary>
    public static string? Reason(string method, string? userAgent, string? purpose, string? secPurpose, string? xPurpose)
    {
        if (HttpMethods.IsHead(method))
        {
            return "head";
        }
        if (IsPrefetch(purpose) || IsPrefetch(secPurpose) || IsPrefetch(xPurpose))
        {
            return "prefetch";
        }
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "no-user-agent";
        }
        if (userAgent.AsSpan().IndexOfAny(AnyAgent) < 0)
        {
            return null;
        }
        foreach (var agent in Agents)
        {
            if (userAgent.Contains(agent, StringComparison.OrdinalIgnoreCase))
            {
                return agent.TrimEnd('/');
            }
        }
        return null;
    }

    private static bool IsPrefetch(string? value) => value is { Length: > 0 }
        && (value.Contains("prefetch", StringComparison.OrdinalIgnoreCase) || value.Contains("preview", StringComparison.OrdinalIgnoreCase));
}
