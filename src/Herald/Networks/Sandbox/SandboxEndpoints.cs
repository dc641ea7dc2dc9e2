using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Networks.Sandbox;

/// <summary>The Sandbox's public post pages and its event feed API.</summary>
public static class SandboxEndpoints
{
    public const int DefaultLimit = 50;

    public static IEndpointRouteBuilder MapSandboxEndpoints(this IEndpointRouteBuilder app)
    {
        // Public, like a post on a real network: the URL Herald shows after publishing must open without signing in.
        app.MapGet("/sandbox/posts/{id}", ShowPostAsync).ExcludeFromDescription();

        app.MapGet("/api/v1/sandbox/accounts/{accountId}/events", ListEventsAsync)
            .RequireAuthorization()
            .WithTags("Sandbox");
        return app;
    }

    private static async Task<IResult> ShowPostAsync(string id, SandboxFeed feed, HeraldDb db, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.ContentSecurityPolicy = SandboxPostPage.ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var post = await feed.FindPostAsync(id, ct);
        if (post is null || post.Deleted)
        {
            return Results.Content(SandboxPostPage.NotFound(post is not null), "text/html; charset=utf-8", statusCode: post is null ? 404 : 410);
        }
        var author = await db.Accounts.AsNoTracking().Where(a => a.Id == post.AccountId).Select(a => new { a.Name, a.Handle }).FirstOrDefaultAsync(ct);
        var metrics = await feed.MetricsAsync(post.Id, ct);
        var replies = await feed.ListRepliesAsync(post.Id, 20, ct);
        return Results.Content(SandboxPostPage.Render(post, author?.Name, author?.Handle, metrics, replies), "text/html; charset=utf-8");
    }

    private static async Task<IResult> ListEventsAsync(string accountId, string? after, int? limit, SandboxFeed feed, HeraldDb db, Teams.WorkspaceAccess access, CancellationToken ct)
    {
        // Only members of the account's workspace may read what happens to it (unknown and foreign accounts look alike).
        var workspaceId = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId && a.Network == "sandbox").Select(a => a.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw new HeraldProblem(404, "Not found", $"No Sandbox account {accountId}.");
        await access.RequireAsync(Data.Role.Viewer, workspaceId, ct);
        SandboxCursor? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (!SandboxCursor.TryParse(after, out var parsed))
            {
                return Results.Problem(statusCode: 400, title: "Invalid cursor", detail: "'after' must be a cursor returned as 'next', or an ISO 8601 instant.");
            }
            cursor = parsed;
        }
        var events = await feed.ListEventsAsync(accountId, cursor, limit ?? DefaultLimit, ct);
        var next = events.Count > 0 ? SandboxCursor.After(events[^1]).ToString() : cursor?.ToString();
        return Results.Ok(new SandboxEventsPage(events.Select(SandboxEventDto.From).ToList(), next));
    }
}

/// <summary>A page of the event feed; pass <see cref="Next"/> as ?after= to continue.</summary>
public sealed record SandboxEventsPage(IReadOnlyList<SandboxEventDto> Events, string? Next);

/// <summary>Someone who did something on the Sandbox.</summary>
public sealed record SandboxAuthorDto(string Handle, string Name);

/// <summary>One visible Sandbox event, as the API returns it.</summary>
public sealed record SandboxEventDto(string Id, string Kind, string? PostId, string? PostUrl, SandboxAuthorDto Author, string? Text, string? Lang, DateTimeOffset OccursAt)
{
    public static SandboxEventDto From(SandboxEvent e) => new(
        e.Id, e.Kind, e.PostId, e.PostId is null ? null : SandboxConnector.UrlOf(e.PostId),
        new SandboxAuthorDto(e.AuthorHandle, e.AuthorName), e.Text, e.Lang, e.OccursAt);
}
