using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Herald.Networks.Bluesky;

/// <summary>An image already uploaded with uploadBlob: the blob reference the PDS returned, and what goes with it.</summary>
internal sealed record BlueskyUploadedImage(JsonElement Blob, string? AltText, int? Width, int? Height);

/// <summary>Builds the <c>app.bsky.feed.post</c> record for one part.</summary>
internal static class BlueskyPostRecord
{
    public static JsonObject Build(
        PartToPublish part, IReadOnlyList<BlueskyFacet> facets, (RemotePost Root, RemotePost Parent)? reply, IReadOnlyList<BlueskyUploadedImage> images)
    {
        var record = new JsonObject
        {
            ["$type"] = BlueskyAtUri.PostCollection,
            ["text"] = part.Text,
            ["createdAt"] = part.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (facets.Count > 0)
        {
            record["facets"] = new JsonArray([.. facets.Select(f => (JsonNode)f.ToRecordJson())]);
        }
        if (!string.IsNullOrWhiteSpace(part.Language))
        {
            record["langs"] = new JsonArray(part.Language);
        }
        if (reply is { } r)
        {
            record["reply"] = new JsonObject { ["root"] = StrongRef(r.Root), ["parent"] = StrongRef(r.Parent) };
        }
        if (images.Count > 0)
        {
            record["embed"] = new JsonObject
            {
                ["$type"] = "app.bsky.embed.images",
                ["images"] = new JsonArray([.. images.Select(Image)]),
            };
        }
        return record;
    }

    private static JsonObject StrongRef(RemotePost post) => new() { ["uri"] = post.RemoteId, ["cid"] = post.Cid };

    private static JsonNode Image(BlueskyUploadedImage image)
    {
        var node = new JsonObject
        {
            ["image"] = JsonNode.Parse(image.Blob.GetRawText()),
            ["alt"] = image.AltText ?? "",
        };
        if (image is { Width: > 0, Height: > 0 })
        {
            node["aspectRatio"] = new JsonObject { ["width"] = image.Width, ["height"] = image.Height };
        }
        return node;
    }
}
