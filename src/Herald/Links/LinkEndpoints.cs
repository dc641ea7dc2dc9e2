using Herald.Data;
using Herald.Teams;

namespace Herald.Links;

/// <summary>Body of POST /api/v1/links.</summary>
public sealed record CreateLinkRequest(string Url, string? PostId, string? DeliveryId, string? AccountId, string? Network, string? Campaign, Utm? Utm, string? WorkspaceId);

/// <summary>Body of PUT /api/v1/links/settings.</summary>
public sealed record LinkSettingsDto(bool ShortenLinks);

/// <summary>Tracked links: registration, the public redirect surface and /api/v1/links.</summary>
public static class LinkEndpoints
{
    public static IServiceCollection AddLinks(this IServiceCollection services)
    {
        services.AddSingleton<ClickStore>();
        services.AddSingleton<ClickRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<ClickRecorder>());
        services.AddSingleton<LinkDirectory>();
        services.AddSingleton<LinkBaseUrl>();
        services.AddSingleton<Conversions>();
        services.AddSingleton<ILinkStats, LinkStats>();
        services.AddSingleton<Analytics.ILinkStats, AnalyticsLinkCounts>();
        services.AddScoped<LinkService>();
        services.AddScoped<LinkShortener>();
        services.AddScoped<LinkQueries>();
        return services;
    }

    /// <summary>Put first in the pipeline: /l/… is answered before authentication, antiforgery and the pages.</summary>
    public static WebApplication MapLinkEndpoints(this WebApplication app)
    {
        app.Use(LinkRedirect.Middleware(app.Services));
        var api = app.MapGroup("/api/v1/links").RequireAuthorization().WithTags("Links");

        api.MapPost("", async (CreateLinkRequest body, WorkspaceAccess access, LinkService links, LinkQueries queries, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Contributor, body.WorkspaceId, ct);
            var link = await links.CreateAsync(ws, new NewLink(body.Url, body.PostId, body.DeliveryId, body.AccountId, body.Network, body.Campaign, body.Utm), ct);
            return Results.Created($"/api/v1/links/{link.Id}", queries.ToDto(link, null));
        });

        api.MapGet("", async (DateTimeOffset? from, DateTimeOffset? to, int? limit, WorkspaceAccess access, LinkQueries queries, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            var (f, t) = Period(from, to, time);
            return await queries.ListAsync(ws.WorkspaceId, f, t, limit ?? 200, ct);
        });

        api.MapGet("/stats", async (string? groupBy, DateTimeOffset? from, DateTimeOffset? to, string? campaign, WorkspaceAccess access, ILinkStats stats, TimeProvider time, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            if (!Enum.TryParse<LinkGrouping>(groupBy ?? "link", ignoreCase: true, out var grouping))
            {
                throw new HeraldProblem(422, "Invalid grouping", "groupBy is one of link, post, delivery, campaign, account, network, day.");
            }
            var (f, t) = Period(from, to, time);
            return await stats.QueryAsync(new LinkStatsQuery(ws.WorkspaceId, f, t, grouping, Campaign: campaign), ct);
        });

        api.MapGet("/settings", async (WorkspaceAccess access, LinkService links, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return new LinkSettingsDto(await links.ShortensLinksAsync(ws.WorkspaceId, ct));
        });

        api.MapPut("/settings", async (LinkSettingsDto body, WorkspaceAccess access, LinkService links, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Admin, null, ct);
            await links.SetShortenLinksAsync(ws.WorkspaceId, body.ShortenLinks, ct);
            return body;
        });

        api.MapGet("/{id}", async (string id, DateTimeOffset? from, DateTimeOffset? to, WorkspaceAccess access, LinkQueries queries, ILinkStats stats, TimeProvider time, CancellationToken ct) =>
        {
            var link = await FindAsync(id, access, queries, Role.Viewer, ct);
            var (f, t) = Period(from, to, time);
            var total = (await stats.QueryAsync(new LinkStatsQuery(link.WorkspaceId, f, t, LinkGrouping.Link, LinkId: link.Id), ct)) is [var row, ..] ? row : null;
            return new { link = queries.ToDto(link, total), daily = await queries.DailyAsync(link, f, t, ct) };
        });

        api.MapDelete("/{id}", async (string id, WorkspaceAccess access, LinkQueries queries, LinkService links, CancellationToken ct) =>
        {
            var link = await FindAsync(id, access, queries, Role.Editor, ct);
            await links.DisableAsync(link, ct);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>The period asked for, or the last 30 days.</summary>
    internal static (DateTimeOffset From, DateTimeOffset To) Period(DateTimeOffset? from, DateTimeOffset? to, TimeProvider time)
    {
        var end = to ?? time.GetUtcNow().AddDays(1);
        return (from ?? end.AddDays(-31), end);
    }

    private static async Task<TrackedLink> FindAsync(string id, WorkspaceAccess access, LinkQueries queries, Role role, CancellationToken ct)
    {
        var link = await queries.FindAsync(id, ct) ?? throw new HeraldProblem(404, "Not found", "No such link.");
        await access.RequireAsync(role, link.WorkspaceId, ct);
        return link;
    }
}
