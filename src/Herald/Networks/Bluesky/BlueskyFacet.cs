using System.Text.Json.Nodes;

namespace Herald.Networks.Bluesky;

/// <summary>What a facet marks: a mention (value: DID), a link (value: URI) or a hashtag/cashtag (value: the tag).</summary>
public enum BlueskyFacetKind
{
    Mention,
    Link,
    Tag,
}

/// <summary>One <c>app.bsky.richtext.facet</c>: a UTF-8 byte range of the text and what it means.</summary>
public sealed record BlueskyFacet(int ByteStart, int ByteEnd, BlueskyFacetKind Kind, string Value)
{
    /// <summary>The facet as it goes in a post record.</summary>
    public JsonObject ToRecordJson()
    {
        var feature = Kind switch
        {
            BlueskyFacetKind.Mention => new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = Value },
            BlueskyFacetKind.Link => new JsonObject { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = Value },
            _ => new JsonObject { ["$type"] = "app.bsky.richtext.facet#tag", ["tag"] = Value },
        };
        return new JsonObject
        {
            ["index"] = new JsonObject { ["byteStart"] = ByteStart, ["byteEnd"] = ByteEnd },
            ["features"] = new JsonArray(feature),
        };
    }
}
