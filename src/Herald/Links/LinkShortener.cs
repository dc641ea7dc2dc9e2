using Herald.Data;
using Herald.Publishing;

namespace Herald.Links;

/// <summary>
/// Replaces the links of a delivery's text by tracked links when the workspace wants it, at scheduling time, so each
/// account gets its own link, UTM parameters and counts. Short links are never longer than Mastodon's 23 counted
/// characters would make them anyway, and on Bluesky they are ordinary URLs that become link facets like any other.
/// </summary>
public sealed class LinkShortener(LinkService links, LinkBaseUrl baseUrl)
{
    public Task<bool> EnabledAsync(string workspaceId, CancellationToken ct) => links.ShortensLinksAsync(workspaceId, ct);

    public string Shorten(string workspaceId, string text, string postId, string deliveryId, Account account, string? campaign = null)
    {
        var prefix = baseUrl.Get() + "/l/";
        var done = new Dictionary<string, string>(StringComparer.Ordinal);
        return TextMeasure.UrlPattern().Replace(text, m =>
        {
            if (m.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return m.Value;
            }
            if (!done.TryGetValue(m.Value, out var shortUrl))
            {
                var link = links.Add(workspaceId, new NewLink(m.Value, postId, deliveryId, account.Id, account.Network, campaign));
                shortUrl = prefix + link.Code;
                done[m.Value] = shortUrl;
            }
            return shortUrl;
        });
    }
}
