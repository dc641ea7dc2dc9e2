using System.ServiceModel.Syndication;
using System.Xml;
using Herald.Curation.Feeds;

namespace Herald.Bench.Feeds;

/// <summary>The other libraries' output mapped to Herald's model, so the same scoring applies to all three.</summary>
internal static class Others
{
    public static void TryParse(Func<byte[], ParsedFeed> parse, byte[] bytes)
    {
        try
        {
            parse(bytes);
        }
        catch (Exception)
        {
            // Counted in the correctness pass; the timing pass only measures.
        }
    }

    public static ParsedFeed CodeHollow(byte[] bytes)
    {
        var f = global::CodeHollow.FeedReader.FeedReader.ReadFromByteArray(bytes);
        var feed = new ParsedFeed
        {
            Format = f.Type.ToString().ToLowerInvariant(),
            Title = Empty(f.Title),
            Link = Empty(f.Link),
            Description = Empty(f.Description),
            Language = Empty(f.Language),
            Updated = f.LastUpdatedDate,
            Image = Empty(f.ImageUrl),
        };
        foreach (var i in f.Items)
        {
            var item = new FeedItem
            {
                Id = Empty(i.Id),
                Title = Empty(i.Title),
                Link = Empty(i.Link),
                Summary = Empty(i.Description),
                Content = Empty(i.Content),
                Published = i.PublishingDate,
            };
            if (Empty(i.Author) is { } author)
            {
                item.Authors.Add(new FeedPerson(author, null, null));
            }
            item.Categories.AddRange(i.Categories ?? []);
            feed.Items.Add(item);
        }
        return feed;
    }

    public static ParsedFeed Syndication(byte[] bytes)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        var f = SyndicationFeed.Load(reader);
        var feed = new ParsedFeed
        {
            Format = "xml",
            Title = Empty(f.Title?.Text),
            Link = f.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString(),
            Description = Empty(f.Description?.Text),
            Language = Empty(f.Language),
            Updated = f.LastUpdatedTime == default ? null : f.LastUpdatedTime,
            Image = f.ImageUrl?.ToString(),
        };
        feed.Authors.AddRange(f.Authors.Select(a => new FeedPerson(Empty(a.Name), Empty(a.Email), Empty(a.Uri))));
        feed.Categories.AddRange(f.Categories.Select(c => c.Label ?? c.Name));
        foreach (var i in f.Items)
        {
            var item = new FeedItem
            {
                Id = Empty(i.Id),
                Title = Empty(i.Title?.Text),
                Link = i.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString(),
                Summary = Empty(i.Summary?.Text),
                Content = Empty((i.Content as TextSyndicationContent)?.Text),
                Published = i.PublishDate == default ? null : i.PublishDate,
                Updated = i.LastUpdatedTime == default ? null : i.LastUpdatedTime,
            };
            item.Authors.AddRange(i.Authors.Select(a => new FeedPerson(Empty(a.Name), Empty(a.Email), Empty(a.Uri))));
            item.Categories.AddRange(i.Categories.Select(c => c.Label ?? c.Name));
            foreach (var e in i.Links.Where(l => l.RelationshipType == "enclosure"))
            {
                item.Enclosures.Add(new FeedEnclosure(e.Uri.ToString(), Empty(e.MediaType), e.Length > 0 ? e.Length : null));
            }
            feed.Items.Add(item);
        }
        return feed;
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
