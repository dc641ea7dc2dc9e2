namespace Herald.Networks.Mastodon;

/// <summary>Turns what a user types as their instance ("mastodon.social", "https://mastodon.social/") into a base URL.</summary>
internal static class MastodonInstance
{
    /// <summary>The instance's base URL (scheme and authority only), or an error message for the user.</summary>
    public static bool TryNormalize(string? input, bool allowLocal, out Uri baseUrl, out string error)
    {
        baseUrl = null!;
        error = "";
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "The instance is required (for example https://mastodon.social).";
            return false;
        }
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
        {
            error = $"'{input}' is not an instance address.";
            return false;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = "The instance address must be a plain https:// address, without credentials, query or fragment.";
            return false;
        }
        var httpsOnly = uri.Scheme == Uri.UriSchemeHttps;
        if (!httpsOnly && !(allowLocal && uri.Scheme == Uri.UriSchemeHttp))
        {
            error = "The instance address must use https://.";
            return false;
        }
        baseUrl = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        return true;
    }

    public static Uri Combine(Uri baseUrl, string relative) => new(baseUrl, relative.TrimStart('/'));
}
