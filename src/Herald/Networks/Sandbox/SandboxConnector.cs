using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Networks.Sandbox;

/// <summary>
/// The Sandbox network: a simulated network inside Herald, so every feature can be tried without a real account.
/// Posts are rows in Herald's own database; the audience's reactions are planned at publish time and surface as time passes.
/// </summary>
internal sealed class SandboxConnector(IServiceScopeFactory scopes, TimeProvider time, SandboxFailureInjection failures) : INetworkConnector
{
    public const string Key = "sandbox";
    private const string DefaultName = "Sandbox";

    private static readonly NetworkRules Rules = new()
    {
        MaxGraphemes = 500,
        MaxImages = 4,
        MaxImageBytes = 5_000_000,
        SupportsVideo = true,
        SupportsThreads = true,
        AccountConcurrency = 4,
        NetworkConcurrency = 64,
    };

    public string Network => Key;

    public bool SendsPrivateReplies => true;

    public NetworkRules DefaultRules => Rules;

    public Task<NetworkResult<ConnectedAccount>> ConnectAsync(JsonElement request, CancellationToken ct)
    {
        var name = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!.Trim()
            : "";
        if (name.Length == 0)
        {
            name = DefaultName;
        }
        var slug = Slug.Of(name, 30);
        var handle = (slug.Length == 0 || slug == Key ? "demo" : slug) + ".sandbox";
        // A fake token, so connecting a Sandbox account goes through the same encryption path as a real one.
        var credentials = JsonSerializer.Serialize(new { token = "sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) });
        var account = new ConnectedAccount(name, handle, "sbx_" + Ids.New(), "sandbox://", credentials);
        return Task.FromResult(NetworkResult<ConnectedAccount>.Success(account));
    }

    /// <summary>The Sandbox needs no key fixed in advance: the idempotency key is enough.</summary>
    public string? NewRecordKey() => null;

    public async Task<NetworkResult<RemotePost>> PublishAsync(PublishContext context, PartToPublish part, ThreadRefs? thread, CancellationToken ct)
    {
        if (new StringInfo(part.Text).LengthInTextElements > Rules.MaxGraphemes)
        {
            return new NetworkFailure(FailureKind.InvalidContent, $"Sandbox posts are limited to {Rules.MaxGraphemes} characters.", StatusCode: 422);
        }
        if (part.Media.Count > Rules.MaxImages)
        {
            return new NetworkFailure(FailureKind.InvalidContent, $"Sandbox posts take at most {Rules.MaxImages} media files.", StatusCode: 422);
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            if (await FindPostAsync(db, context.AccountId, part.IdempotencyKey, ct) is { } existing)
            {
                return NetworkResult<RemotePost>.Success(ToRemote(existing));
            }
            if (failures.BeforePublish(context.AccountId, part) is { } failure)
            {
                return failure;
            }
            var post = new SandboxPost
            {
                Id = Ids.New(),
                AccountId = context.AccountId,
                IdempotencyKey = part.IdempotencyKey,
                Text = part.Text,
                ReplyToId = thread?.Parent.RemoteId,
                MediaCount = part.Media.Count,
                CreatedAt = time.GetUtcNow(),
            };
            db.SandboxPosts.Add(post);
            db.SandboxEvents.AddRange(SandboxAudience.Plan(post, context.Handle).Select(r => r.ToEvent(post)));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent attempt with the same key won the unique index: its post is the answer.
                db.ChangeTracker.Clear();
                return await FindPostAsync(db, context.AccountId, part.IdempotencyKey, ct) is { } winner
                    ? NetworkResult<RemotePost>.Success(ToRemote(winner))
                    : new NetworkFailure(FailureKind.Transient, "Sandbox could not store the post.");
            }
            return failures.AfterPublish(context.AccountId, part) is { } lost
                ? lost
                : NetworkResult<RemotePost>.Success(ToRemote(post));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new NetworkFailure(FailureKind.UnknownOutcome, $"Sandbox storage failed: {ex.Message}");
        }
    }

    public async Task<NetworkResult<LookupResult>> FindAsync(PublishContext context, PartToPublish part, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            var post = await FindPostAsync(db, context.AccountId, part.IdempotencyKey, ct);
            return NetworkResult<LookupResult>.Success(post is { Deleted: false } ? LookupResult.Found(ToRemote(post)) : LookupResult.NotFound);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new NetworkFailure(FailureKind.Transient, $"Sandbox lookup failed: {ex.Message}");
        }
    }

    /// <summary>Marks the post deleted and cancels the reactions it has not had yet; those already seen stay, as on a real network.</summary>
    public async Task<NetworkResult<bool>> DeleteAsync(PublishContext context, string remoteId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
            var post = await db.SandboxPosts.FirstOrDefaultAsync(p => p.Id == remoteId && p.AccountId == context.AccountId, ct);
            if (post is null)
            {
                return NetworkResult<bool>.Success(false);
            }
            var now = time.GetUtcNow();
            post.Deleted = true;
            await db.SaveChangesAsync(ct);
            await db.SandboxEvents.Where(e => e.PostId == post.Id && e.OccursAt > now).ExecuteDeleteAsync(ct);
            return NetworkResult<bool>.Success(true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new NetworkFailure(FailureKind.Transient, $"Sandbox delete failed: {ex.Message}");
        }
    }

    /// <summary>Where Herald serves a Sandbox post (relative: it is Herald's own page).</summary>
    public static string UrlOf(string postId) => $"/sandbox/posts/{Uri.EscapeDataString(postId)}";

    private static RemotePost ToRemote(SandboxPost post) => new(post.Id, UrlOf(post.Id));

    private static Task<SandboxPost?> FindPostAsync(HeraldDb db, string accountId, string idempotencyKey, CancellationToken ct) =>
        db.SandboxPosts.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId && p.IdempotencyKey == idempotencyKey, ct);
}
