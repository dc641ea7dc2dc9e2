using System.Text.Json;

namespace Herald.Scheduling;

/// <summary>
/// One post of a delivery (one, or several for a thread), stored as JSON on the delivery. Its keys are fixed before the
/// first attempt, so every retry asks the network for the same thing and a crash can be reconciled.
/// </summary>
public sealed class DeliveryPart
{
    public int Index { get; set; }
    public string Text { get; set; } = "";
    public List<string> MediaIds { get; set; } = [];
    /// <summary>A record key chosen before the first attempt (Bluesky: a TID).</summary>
    public string? RecordKey { get; set; }
    /// <summary>Sent as Idempotency-Key (Mastodon) and used by the Sandbox.</summary>
    public string IdempotencyKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? RemoteId { get; set; }
    public string? Url { get; set; }
    public string? Cid { get; set; }
    /// <summary>Set on the first part of a reply to someone else's post (from the inbox): what it answers.</summary>
    public ReplyTarget? InReplyTo { get; set; }

    public static List<DeliveryPart> Read(string json) =>
        JsonSerializer.Deserialize<List<DeliveryPart>>(json, HeraldJson.Options) ?? [];

    public static string Write(IEnumerable<DeliveryPart> parts) => JsonSerializer.Serialize(parts, HeraldJson.Options);
}

/// <summary>The post a reply answers and the root of its thread (Bluesky needs both with their CIDs; Mastodon and the Sandbox the parent).</summary>
public sealed class ReplyTarget
{
    public string RootId { get; set; } = "";
    public string? RootCid { get; set; }
    public string ParentId { get; set; } = "";
    public string? ParentCid { get; set; }
    /// <summary>The parent is a direct message: the reply is sent privately to its author.</summary>
    public bool Direct { get; set; }

    public Networks.RemotePost Root => new(RootId, null, RootCid);

    public Networks.ThreadRefs ToThreadRefs() => new(Root, new Networks.RemotePost(ParentId, null, ParentCid), Direct);
}
