using System.Text.Json;
using Herald.Curation.Reading;
using Herald.Curation.Subscriptions;
using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Curation;

/// <summary>/api/v1/feeds (subscriptions and their items) and /api/v1/reading-list. Viewers read; contributors mark and save; editors subscribe.</summary>
public static class CurationEndpoints
{
    public static IEndpointRouteBuilder MapCurationEndpoints(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/v1/feeds").RequireAuthorization().WithTags("Feeds");

        feeds.MapPost("/subscriptions", async (JsonElement body, WorkspaceAccess access, SubscriptionService service, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, Str(body, "workspaceId"), ct);
            var url = Str(body, "url") ?? throw new HeraldProblem(422, "Missing URL", "Give the feed's URL, or a page that links to its feed: {\"url\":\"https://…\"}.");
            var s = await service.SubscribeAsync(ws.WorkspaceId, ws.UserId, url, Str(body, "folder"), ct);
            var unread = await db.Set<FeedEntry>().CountAsync(e => e.SubscriptionId == s.Id && e.ReadAt == null, ct);
            return Results.Created($"/api/v1/feeds/subscriptions/{s.Id}", SubscriptionDto.From(s, unread));
        });

        feeds.MapGet("/subscriptions", async (WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return await CurationQueries.SubscriptionsAsync(db, ws.WorkspaceId, ct);
        });

        feeds.MapGet("/subscriptions/{id}", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var s = await FindAsync<FeedSubscription>(db, access, id, Role.Viewer, x => x.Id == id, x => x.WorkspaceId, ct);
            return SubscriptionDto.From(s, await db.Set<FeedEntry>().CountAsync(e => e.SubscriptionId == id && e.ReadAt == null, ct));
        });

        feeds.MapPatch("/subscriptions/{id}", async (string id, JsonElement body, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var s = await FindAsync<FeedSubscription>(db, access, id, Role.Editor, x => x.Id == id, x => x.WorkspaceId, ct);
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("folder", out _))
            {
                s.Folder = Str(body, "folder");
            }
            if (Str(body, "title") is { } title)
            {
                s.Title = title;
            }
            await db.SaveChangesAsync(ct);
            return SubscriptionDto.From(s, await db.Set<FeedEntry>().CountAsync(e => e.SubscriptionId == id && e.ReadAt == null, ct));
        });

        feeds.MapDelete("/subscriptions/{id}", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var s = await FindAsync<FeedSubscription>(db, access, id, Role.Editor, x => x.Id == id, x => x.WorkspaceId, ct);
            await db.Set<FeedEntry>().Where(e => e.SubscriptionId == id).ExecuteDeleteAsync(ct);
            db.Remove(s);
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        });

        feeds.MapPost("/subscriptions/{id}/refresh", async (string id, WorkspaceAccess access, HeraldDb db, SubscriptionService service, CancellationToken ct) =>
        {
            var s = await FindAsync<FeedSubscription>(db, access, id, Role.Editor, x => x.Id == id, x => x.WorkspaceId, ct);
            await service.PollAsync(s, ct);
            return SubscriptionDto.From(s, await db.Set<FeedEntry>().CountAsync(e => e.SubscriptionId == id && e.ReadAt == null, ct));
        });

        feeds.MapGet("/items", async (string? subscriptionId, bool? unread, int? limit, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var items = await CurationQueries.ItemsAsync(db, ws.WorkspaceId, subscriptionId, unread ?? false, Math.Clamp(limit ?? 50, 1, 500), ct);
            return items.Select(FeedItemDto.From);
        });

        feeds.MapPost("/items/{id}/read", async (string id, JsonElement? body, WorkspaceAccess access, HeraldDb db, TimeProvider time, CancellationToken ct) =>
        {
            var e = await FindAsync<FeedEntry>(db, access, id, Role.Contributor, x => x.Id == id, x => x.WorkspaceId, ct);
            var read = body is not { ValueKind: JsonValueKind.Object } b || !b.TryGetProperty("read", out var r) || r.ValueKind != JsonValueKind.False;
            e.ReadAt = read ? e.ReadAt ?? time.GetUtcNow() : null;
            await db.SaveChangesAsync(ct);
            return FeedItemDto.From(e);
        });

        feeds.MapPost("/items/read-all", async (string? subscriptionId, WorkspaceAccess access, HeraldDb db, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Contributor, null, ct);
            var now = time.GetUtcNow();
            var count = await db.Set<FeedEntry>().Where(e => e.WorkspaceId == ws.WorkspaceId && e.ReadAt == null && (subscriptionId == null || e.SubscriptionId == subscriptionId))
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.ReadAt, now), ct);
            return Results.Ok(new { marked = count });
        });

        var reading = app.MapGroup("/api/v1/reading-list").RequireAuthorization().WithTags("Reading list");

        reading.MapPost("/", async (JsonElement body, WorkspaceAccess access, ReadingListService service, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Contributor, Str(body, "workspaceId"), ct);
            var article = await service.SaveAsync(ws.WorkspaceId, ws.UserId, Str(body, "url"), Str(body, "feedItemId"), ct);
            return Results.Created($"/api/v1/reading-list/{article.Id}", SavedArticleDto.From(article));
        });

        reading.MapGet("/", async (bool? unread, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var list = await CurationQueries.ReadingListAsync(db, ws.WorkspaceId, unread ?? false, ct);
            return list.Select(a => SavedArticleDto.From(a, withText: false));
        });

        reading.MapGet("/{id}", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
            SavedArticleDto.From(await FindAsync<SavedArticle>(db, access, id, Role.Viewer, x => x.Id == id, x => x.WorkspaceId, ct)));

        reading.MapPatch("/{id}", async (string id, JsonElement body, WorkspaceAccess access, HeraldDb db, TimeProvider time, CancellationToken ct) =>
        {
            var a = await FindAsync<SavedArticle>(db, access, id, Role.Contributor, x => x.Id == id, x => x.WorkspaceId, ct);
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("read", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                a.ReadAt = r.ValueKind == JsonValueKind.True ? a.ReadAt ?? time.GetUtcNow() : null;
            }
            await db.SaveChangesAsync(ct);
            return SavedArticleDto.From(a);
        });

        reading.MapDelete("/{id}", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var a = await FindAsync<SavedArticle>(db, access, id, Role.Contributor, x => x.Id == id, x => x.WorkspaceId, ct);
            db.Remove(a);
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>Loads a row and checks the caller's role in its workspace; a stranger gets 404, as if it did not exist.</summary>
    private static async Task<T> FindAsync<T>(HeraldDb db, WorkspaceAccess access, string id, Role role,
        System.Linq.Expressions.Expression<Func<T, bool>> match, Func<T, string> workspace, CancellationToken ct) where T : class
    {
        var row = await db.Set<T>().FirstOrDefaultAsync(match, ct) ?? throw new HeraldProblem(404, "Not found", $"No such item: {id}.");
        try
        {
            await access.RequireAsync(role, workspace(row), ct);
        }
        catch (HeraldProblem p) when (p.Status == 404)
        {
            throw new HeraldProblem(404, "Not found", $"No such item: {id}.");
        }
        return row;
    }

    private static string? Str(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString()!.Trim() is { Length: > 0 } s ? s : null;
}
