using System.Text.Json;
using static Herald.Curation.Feeds.FeedXml;

namespace Herald.Curation.Feeds;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): author and authors, attachments, tags.</summary>
internal static class JsonFeedReader
{
    public static ParsedFeed Read(string text, Uri? location)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new FeedFormatException($"Not a feed: invalid JSON ({ex.Message}).", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            // The version is a jsonfeed.org URL; some feeds write just "1.0".
            if (root.ValueKind != JsonValueKind.Object || Str(root, "version") is not { } version
                || !(version.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase) || (version.Length > 0 && char.IsAsciiDigit(version[0]))))
            {
                throw new FeedFormatException("Not a feed: JSON without a JSON Feed \"version\".");
            }
            var home = Str(root, "home_page_url");
            var baseUri = location ?? (Uri.TryCreate(home, UriKind.Absolute, out var site) ? site : null);
            var feed = new ParsedFeed
            {
                Format = "json",
                Version = version.TrimEnd('/').EndsWith("1.1", StringComparison.Ordinal) ? "1.1" : "1.0",
                Title = Str(root, "title"),
                Link = Resolve(baseUri, home),
                FeedLink = Resolve(baseUri, Str(root, "feed_url")),
                Description = Str(root, "description"),
                Language = Str(root, "language"),
                Image = Resolve(baseUri, Str(root, "icon") ?? Str(root, "favicon")),
            };
            feed.Authors.AddRange(Authors(root, baseUri));
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var i in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    feed.Items.Add(Item(i, baseUri));
                }
            }
            // JSON Feed has no feed-level dates: the newest item's stand in, as other readers do.
            feed.Updated = feed.Items.Max(i => i.Updated ?? i.Published);
            feed.Published = feed.Items.Max(i => i.Published);
            return feed;
        }
    }

    private static FeedItem Item(JsonElement i, Uri? baseUri)
    {
        var item = new FeedItem
        {
            Id = Str(i, "id"),
            Title = Str(i, "title"),
            Link = Resolve(baseUri, Str(i, "url") ?? Str(i, "external_url")),
            Summary = Str(i, "summary"),
            Content = ResolveHtml(baseUri, Str(i, "content_html")) ?? Str(i, "content_text"),
            Published = FeedDates.Parse(Str(i, "date_published")),
            Updated = FeedDates.Parse(Str(i, "date_modified")),
            Image = Resolve(baseUri, Str(i, "image") ?? Str(i, "banner_image")),
        };
        item.Authors.AddRange(Authors(i, baseUri));
        if (i.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            item.Categories.AddRange(tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
        }
        if (i.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in attachments.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
            {
                if (Resolve(baseUri, Str(a, "url")) is { } url)
                {
                    long? size = a.TryGetProperty("size_in_bytes", out var s) && s.TryGetInt64(out var n) ? n : null;
                    item.Enclosures.Add(new FeedEnclosure(url, Str(a, "mime_type"), size));
                }
            }
        }
        return item;
    }

    private static IEnumerable<FeedPerson> Authors(JsonElement e, Uri? baseUri)
    {
        var list = new List<JsonElement>();
        if (e.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            list.AddRange(authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object));
        }
        else if (e.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object)
        {
            list.Add(author);
        }
        return list.Select(a => new FeedPerson(Str(a, "name"), null, Resolve(baseUri, Str(a, "url"))))
            .Where(p => p.Name is not null || p.Uri is not null);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim() is { Length: > 0 } s ? s : null;
}
