using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Herald.Networks.Bluesky;

/// <summary>Publishes to Bluesky (any atproto PDS) with an app password, through XRPC.</summary>
public sealed class BlueskyConnector : INetworkConnector
{
    public const string Key = "bluesky";
    public const string DefaultService = "https://bsky.social";

    private readonly BlueskyXrpc _xrpc;
    private readonly BlueskySessions _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger<BlueskyConnector> _logger;

    public BlueskyConnector(HttpClient http, TimeProvider time, ILogger<BlueskyConnector> logger)
    {
        _xrpc = new BlueskyXrpc(http, time);
        _sessions = new BlueskySessions(_xrpc, time, logger);
        _time = time;
        _logger = logger;
    }

    public string Network => Key;

    public NetworkRules DefaultRules => BlueskyRules.Default;

    public string? NewRecordKey() => BlueskyTid.Next(_time);

    public async Task<NetworkResult<ConnectedAccount>> ConnectAsync(JsonElement request, CancellationToken ct)
    {
        var service = Text(request, "service") ?? DefaultService;
        if (!Uri.TryCreate(service, UriKind.Absolute, out var serviceUri) || serviceUri.Scheme is not ("https" or "http"))
        {
            return new NetworkFailure(FailureKind.InvalidContent, "The Bluesky service must be an http(s) URL, such as https://bsky.social.");
        }
        var identifier = Text(request, "identifier")?.Trim().TrimStart('@');
        var password = Text(request, "password");
        if (string.IsNullOrEmpty(identifier) || string.IsNullOrEmpty(password))
        {
            return new NetworkFailure(FailureKind.InvalidContent, "A Bluesky handle (or DID) and an app password are required.");
        }
        var created = await _sessions.CreateAsync(
            new BlueskyCredentials { Service = service.TrimEnd('/'), Identifier = identifier, Password = password }, ct);
        if (!created.Ok)
        {
            return created.Failure!;
        }
        var session = created.Value!;
        var handle = session.Handle ?? identifier;
        return NetworkResult<ConnectedAccount>.Success(new ConnectedAccount(
            handle, handle, session.Did, session.Service, session.ToJson(), Rules: null, TokenExpiresAt: session.AccessExpiresAt));
    }

    public async Task<NetworkResult<RemotePost>> PublishAsync(PublishContext context, PartToPublish part, ThreadRefs? thread, CancellationToken ct)
    {
        var current = BlueskySessions.Current(context);
        if (!current.Ok)
        {
            return current.Failure!;
        }
        var service = current.Value!.Service;
        if (part.Media.Count > DefaultRules.MaxImages || part.Media.Any(m => !DefaultRules.ImageTypes.Contains(m.ContentType)))
        {
            return new NetworkFailure(FailureKind.InvalidContent,
                $"Bluesky posts take up to {DefaultRules.MaxImages} images (JPEG, PNG, WebP or GIF); Herald does not send video to Bluesky yet.");
        }
        var recordKey = part.RecordKey ?? BlueskyTid.Next(_time);

        (RemotePost Root, RemotePost Parent)? reply = null;
        if (thread is not null)
        {
            var root = await WithCidAsync(service, thread.Root, ct);
            var parent = await WithCidAsync(service, thread.Parent, ct);
            if (!root.Ok || !parent.Ok)
            {
                return (root.Failure ?? parent.Failure)!;
            }
            reply = (root.Value!, parent.Value!);
        }

        var images = new List<BlueskyUploadedImage>();
        foreach (var media in part.Media)
        {
            var uploaded = await _sessions.CallAsync(context, c => _xrpc.PostContentAsync(c.Service, "com.atproto.repo.uploadBlob", async t =>
            {
                var content = new StreamContent(await media.OpenAsync(t));
                content.Headers.ContentType = new(media.ContentType);
                return content;
            }, c.AccessJwt, ct), ct);
            if (!uploaded.Ok)
            {
                return uploaded.Failure!;
            }
            images.Add(new BlueskyUploadedImage(uploaded.Body.GetProperty("blob").Clone(), media.AltText, media.Width, media.Height));
        }

        var facets = await BlueskyRichText.DetectAsync(part.Text, (handle, t) => ResolveHandleAsync(service, handle, t), ct);
        var record = BlueskyPostRecord.Build(part, facets, reply, images);
        var created = await _sessions.CallAsync(context, c => _xrpc.PostJsonAsync(c.Service, "com.atproto.repo.createRecord", new JsonObject
        {
            ["repo"] = Repo(context, c),
            ["collection"] = BlueskyAtUri.PostCollection,
            ["rkey"] = recordKey,
            ["record"] = record.DeepClone(),
        }, c.AccessJwt, mutating: true, ct), ct);
        if (created.Ok)
        {
            return NetworkResult<RemotePost>.Success(ToPost(context, created.Body));
        }
        if (created.Failure!.StatusCode is not null && created.Failure.Kind is not (FailureKind.AuthExpired or FailureKind.RateLimited))
        {
            // The PDS refuses a record key that is taken (500 today). The key is this part's own, so an existing
            // record is what an earlier attempt created: publishing is done.
            var existing = await GetRecordAsync(context, recordKey, ct);
            if (existing.Ok)
            {
                _logger.LogInformation("Bluesky record {RecordKey} of account {AccountId} already existed; treating the publish as done", recordKey, context.AccountId);
                return NetworkResult<RemotePost>.Success(ToPost(context, existing.Body));
            }
        }
        _logger.LogInformation("Bluesky createRecord failed for account {AccountId}: {Failure}", context.AccountId, created.Failure);
        return created.Failure;
    }

    public async Task<NetworkResult<LookupResult>> FindAsync(PublishContext context, PartToPublish part, CancellationToken ct)
    {
        if (part.RecordKey is null)
        {
            return NetworkResult<LookupResult>.Success(LookupResult.NotFound);
        }
        var found = await GetRecordAsync(context, part.RecordKey, ct);
        if (found.Ok)
        {
            return NetworkResult<LookupResult>.Success(LookupResult.Found(ToPost(context, found.Body)));
        }
        return found.Error == "RecordNotFound" ? NetworkResult<LookupResult>.Success(LookupResult.NotFound) : found.Failure!;
    }

    public async Task<NetworkResult<bool>> DeleteAsync(PublishContext context, string remoteId, CancellationToken ct)
    {
        if (BlueskyAtUri.Parse(remoteId) is not { } uri)
        {
            return new NetworkFailure(FailureKind.Permanent, $"'{remoteId}' is not an at:// record address.");
        }
        var deleted = await _sessions.CallAsync(context, c => _xrpc.PostJsonAsync(c.Service, "com.atproto.repo.deleteRecord", new JsonObject
        {
            ["repo"] = uri.Repo,
            ["collection"] = uri.Collection,
            ["rkey"] = uri.RecordKey,
        }, c.AccessJwt, mutating: false, ct), ct);
        return deleted.Ok ? NetworkResult<bool>.Success(true) : deleted.Failure!;
    }

    private async Task<XrpcResult> GetRecordAsync(PublishContext context, string recordKey, CancellationToken ct)
    {
        var current = BlueskySessions.Current(context);
        if (!current.Ok)
        {
            return XrpcResult.Failed(current.Failure!);
        }
        var uri = new BlueskyAtUri(Repo(context, current.Value!), BlueskyAtUri.PostCollection, recordKey);
        return await GetRecordAsync(current.Value!.Service, uri, ct);
    }

    private Task<XrpcResult> GetRecordAsync(string service, BlueskyAtUri uri, CancellationToken ct) =>
        _xrpc.GetAsync(service, "com.atproto.repo.getRecord",
            [new("repo", uri.Repo), new("collection", uri.Collection), new("rkey", uri.RecordKey)], token: null, ct);

    /// <summary>A reply needs the CID of its root and parent; look it up when an earlier part was stored without one.</summary>
    private async Task<NetworkResult<RemotePost>> WithCidAsync(string service, RemotePost post, CancellationToken ct)
    {
        if (post.Cid is not null)
        {
            return NetworkResult<RemotePost>.Success(post);
        }
        if (BlueskyAtUri.Parse(post.RemoteId) is not { } uri)
        {
            return new NetworkFailure(FailureKind.Permanent, $"Cannot reply to '{post.RemoteId}': not an at:// record address.");
        }
        var found = await GetRecordAsync(service, uri, ct);
        return found.Ok ? NetworkResult<RemotePost>.Success(post with { Cid = found.Body.GetProperty("cid").GetString() }) : found.Failure!;
    }

    private async Task<string?> ResolveHandleAsync(string service, string handle, CancellationToken ct)
    {
        var resolved = await _xrpc.GetAsync(service, "com.atproto.identity.resolveHandle", [new("handle", handle)], token: null, ct);
        return resolved.Ok && resolved.Body.TryGetProperty("did", out var did) ? did.GetString() : null;
    }

    private static string Repo(PublishContext context, BlueskyCredentials credentials) =>
        credentials.Did ?? context.RemoteId ?? credentials.Identifier;

    private static RemotePost ToPost(PublishContext context, JsonElement body)
    {
        var uri = body.GetProperty("uri").GetString()!;
        var cid = body.TryGetProperty("cid", out var c) ? c.GetString() : null;
        var parsed = BlueskyAtUri.Parse(uri);
        var profile = context.Handle ?? BlueskyCredentials.Parse(context.CredentialsJson)?.Handle ?? parsed?.Repo;
        var url = parsed is null ? null : $"https://bsky.app/profile/{profile}/post/{parsed.RecordKey}";
        return new RemotePost(uri, url, cid);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
