using System.Formats.Cbor;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>A post created in a repository, read from a #commit of the event stream.</summary>
internal sealed record FirehosePost(long Seq, string Did, string Path, string Uri, string Text, string[] Langs, string? CreatedAt);

/// <summary>One decoded frame of com.atproto.sync.subscribeRepos: its sequence number, kind, and the posts it creates.</summary>
internal sealed record FirehoseFrame(long? Seq, string Kind, IReadOnlyList<FirehosePost> Posts, string? Error = null, string? Did = null, string? Handle = null)
{
    private const string PostCollection = "app.bsky.feed.post/";

    /// <summary>Decodes a frame: two DAG-CBOR objects back to back, a header {op, t} and a body.</summary>
    public static FirehoseFrame Decode(ReadOnlyMemory<byte> frame)
    {
        var reader = new CborReader(frame, CborConformanceMode.Lax, allowMultipleRootLevelValues: true);
        var header = DagCbor.Read(reader) as Dictionary<string, object?> ?? throw new CborContentException("frame header is not a map");
        var body = DagCbor.Read(reader) as Dictionary<string, object?> ?? throw new CborContentException("frame body is not a map");
        if (header.Long("op") == -1)
        {
            return new FirehoseFrame(null, "error", [], $"{body.Str("error")}: {body.Str("message")}");
        }
        var kind = header.Str("t") ?? "";
        var seq = body.Long("seq");
        return kind switch
        {
            "#commit" => new FirehoseFrame(seq, kind, ReadPosts(seq ?? 0, body)),
            "#identity" => new FirehoseFrame(seq, kind, [], Did: body.Str("did"), Handle: body.Str("handle")),
            _ => new FirehoseFrame(seq, kind, []),
        };
    }

    private static List<FirehosePost> ReadPosts(long seq, Dictionary<string, object?> body)
    {
        var posts = new List<FirehosePost>();
        var did = body.Str("repo") ?? "";
        if (body.GetValueOrDefault("ops") is not List<object?> ops || body.GetValueOrDefault("blocks") is not byte[] car)
        {
            return posts;
        }
        Dictionary<CidLink, ReadOnlyMemory<byte>>? blocks = null;
        foreach (var op in ops.OfType<Dictionary<string, object?>>())
        {
            var path = op.Str("path") ?? "";
            if (op.Str("action") != "create" || !path.StartsWith(PostCollection, StringComparison.Ordinal) || op.GetValueOrDefault("cid") is not CidLink cid)
            {
                continue;
            }
            blocks ??= CarFile.Blocks(car);
            if (!blocks.TryGetValue(cid, out var block) || DagCbor.Decode(block) is not Dictionary<string, object?> record)
            {
                continue; // a "tooBig" commit leaves blocks out; nothing to read
            }
            var langs = record.GetValueOrDefault("langs") is List<object?> l ? l.OfType<string>().ToArray() : [];
            posts.Add(new FirehosePost(seq, did, path, $"at://{did}/{path}", record.Str("text") ?? "", langs, record.Str("createdAt")));
        }
        return posts;
    }
}
