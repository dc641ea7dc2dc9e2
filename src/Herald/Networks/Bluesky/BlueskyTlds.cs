using System.Reflection;

namespace Herald.Networks.Bluesky;

/// <summary>
/// The top-level domains atproto's link and mention detection accepts: the list of the npm package <c>tlds</c> 1.261.0
/// (MIT, Stephen Mathieson and Richie Bendall), the same list @atproto/api uses, embedded as <c>tlds.txt</c>.
/// </summary>
internal static class BlueskyTlds
{
    private static readonly Lazy<HashSet<string>> All = new(Load);

    /// <summary>
    /// Whether <paramref name="domain"/> ends with ".tld" for a known TLD. Case-sensitive like atproto's <c>isValidDomain</c>,
    /// which compares against the lower-case list.
    /// </summary>
    public static bool IsValidDomain(string domain)
    {
        var tlds = All.Value;
        for (var dot = domain.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = domain.IndexOf('.', dot + 1))
        {
            if (tlds.Contains(domain[(dot + 1)..]))
            {
                return true;
            }
        }
        return false;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Herald.Networks.Bluesky.tlds.txt")
            ?? throw new InvalidOperationException("The embedded TLD list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set;
    }
}
