using System.Text;

namespace Herald.Links;

/// <summary>UTM parameters for one link; null fields are left out.</summary>
public sealed record Utm(string? Source, string? Medium, string? Campaign, string? Content, string? Term = null)
{
    /// <summary>The defaults: source = the network, medium = social, campaign = the campaign's slug, content = the delivery (or post) id.</summary>
    public static Utm For(string? network, string? campaign, string? content) => new(network, "social", campaign, content);

    /// <summary>Fields given in <paramref name="overrides"/> win; an empty string removes the parameter.</summary>
    public Utm With(Utm? overrides) => overrides is null ? this : new Utm(
        overrides.Source ?? Source, overrides.Medium ?? Medium, overrides.Campaign ?? Campaign, overrides.Content ?? Content, overrides.Term ?? Term);

    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        if (Source is { Length: > 0 }) yield return new("utm_source", Source);
        if (Medium is { Length: > 0 }) yield return new("utm_medium", Medium);
        if (Campaign is { Length: > 0 }) yield return new("utm_campaign", Campaign);
        if (Content is { Length: > 0 }) yield return new("utm_content", Content);
        if (Term is { Length: > 0 }) yield return new("utm_term", Term);
    }
}

/// <summary>Merges query parameters into a URL: existing parameters are kept in their order, the merged ones replace
/// parameters of the same name, the fragment stays last.</summary>
public static class UrlMerge
{
    /// <summary>
    /// The URL split where the value of parameter <paramref name="name"/> goes once merged: Before + value + After equals
    /// With(url, [name = value]) for any value that needs no escaping, so a redirect can build it with one concatenation.
    /// </summary>
    public static (string Before, string After) Slot(string url, string name)
    {
        const string Marker = "v";
        var merged = With(url, [new(name, Marker)]);
        var hashAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragmentLength = hashAt >= 0 ? url.Length - hashAt : 0;
        var valueAt = merged.Length - fragmentLength - Marker.Length;
        return (merged[..valueAt], merged[(valueAt + Marker.Length)..]);
    }

    public static string With(string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var add = parameters.ToList();
        if (add.Count == 0)
        {
            return url;
        }
        var hashAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hashAt >= 0 ? url[hashAt..] : "";
        var beforeFragment = hashAt >= 0 ? url[..hashAt] : url;
        var queryAt = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt >= 0 ? beforeFragment[..queryAt] : beforeFragment;
        var query = queryAt >= 0 ? beforeFragment[(queryAt + 1)..] : "";

        var names = add.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var sb = new StringBuilder(url.Length + 96).Append(path);
        var first = true;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq >= 0 ? pair[..eq] : pair).Replace('+', ' '));
            if (names.Contains(name))
            {
                continue;
            }
            // Existing parameters are copied byte for byte: re-encoding them could change what the target site reads.
            sb.Append(first ? '?' : '&').Append(pair);
            first = false;
        }
        foreach (var (name, value) in add)
        {
            sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }
        return sb.Append(fragment).ToString();
    }
}
