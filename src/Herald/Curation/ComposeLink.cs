namespace Herald.Curation;

/// <summary>The composer URL prefilled to share an article: its title and its link.</summary>
public static class ComposeLink
{
    public static string Text(string? title, string url) => string.IsNullOrWhiteSpace(title) ? url : $"{title.Trim()} {url}";

    // Seam for tracked links: once the links capability exists, shorten/track `url` here; the pages and API use this alone.
    public static string For(string? title, string url) => "/compose?text=" + Uri.EscapeDataString(Text(title, url));
}
