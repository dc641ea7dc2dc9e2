using Herald.Data;
using Herald.Hosting;
using Herald.Teams;

namespace Herald.Campaigns;

/// <summary>Campaigns API: CRUD, posts in and out, pacing. Viewers read; editors change.</summary>
public static class CampaignEndpoints
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services) => services.AddScoped<CampaignService>();

    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/campaigns").RequireAuthorization().WithTags("Campaigns");

        api.MapGet("/", async (string? workspaceId, WorkspaceAccess access, CampaignService campaigns, CancellationToken ct) =>
            await campaigns.ListAsync((await access.RequireAsync(Role.Viewer, workspaceId, ct)).WorkspaceId, ct));

        api.MapPost("/", async (CampaignRequest body, string? workspaceId, WorkspaceAccess access, CampaignService campaigns, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Editor, workspaceId, ct);
            var c = await campaigns.CreateAsync(ws.WorkspaceId, body, ct);
            return Results.Created($"/api/v1/campaigns/{c.Id}", c);
        });

        api.MapGet("/{id}", async (string id, WorkspaceAccess access, CampaignService campaigns, CancellationToken ct) =>
            await campaigns.ReportAsync(await FindAsync(id, Role.Viewer, access, campaigns, ct), ct));

        api.MapPatch("/{id}", async (string id, CampaignRequest body, WorkspaceAccess access, CampaignService campaigns, CancellationToken ct) =>
            await campaigns.UpdateAsync(await FindAsync(id, Role.Editor, access, campaigns, ct), body, ct));

        api.MapDelete("/{id}", async (string id, WorkspaceAccess access, CampaignService campaigns, CancellationToken ct) =>
        {
            await campaigns.DeleteAsync(await FindAsync(id, Role.Editor, access, campaigns, ct), ct);
            return Results.NoContent();
        });

        api.MapPost("/{id}/posts", async (string id, AssignPosts body, WorkspaceAccess access, CampaignService campaigns, CancellationToken ct) =>
        {
            var c = await FindAsync(id, Role.Editor, access, campaigns, ct);
            return Results.Ok(new { assigned = await campaigns.AssignAsync(c, body.PostIds ?? [], body.Remove, ct) });
        });
        return app;
    }

    /// <summary>Posts to put in the campaign (or take out with remove).</summary>
    public sealed record AssignPosts(List<string>? PostIds, bool Remove = false);

    private static async Task<Campaign> FindAsync(string id, Role role, WorkspaceAccess access, CampaignService campaigns, CancellationToken ct)
    {
        var c = await campaigns.FindAsync(id, ct) ?? throw new HeraldProblem(404, "Not found", $"No campaign {id}.");
        await access.RequireAsync(role, c.WorkspaceId, ct);
        return c;
    }
}
