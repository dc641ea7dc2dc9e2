using Herald.Analytics;
using Herald.Data;
using Herald.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Herald.Campaigns;

/// <summary>A campaign as the API takes it.</summary>
public sealed record CampaignRequest(string? Name, DateOnly? StartsOn, DateOnly? EndsOn, long? GoalClicks, long? GoalEngagements,
    long? GoalImpressions, double? GoalEngagementRate, int? GoalPosts);

/// <summary>Creates and edits campaigns, assigns posts, and reports their pacing.</summary>
public sealed class CampaignService(HeraldDb db, IKpiService kpis, TimeProvider time)
{
    public Task<List<Campaign>> ListAsync(string workspaceId, CancellationToken ct) =>
        db.Set<Campaign>().AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name).ToListAsync(ct);

    public Task<Campaign?> FindAsync(string id, CancellationToken ct) => db.Set<Campaign>().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Campaign> CreateAsync(string workspaceId, CampaignRequest r, CancellationToken ct)
    {
        var c = new Campaign { WorkspaceId = workspaceId, Name = "", CreatedAt = time.GetUtcNow() };
        Apply(c, r, creating: true);
        db.Set<Campaign>().Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task<Campaign> UpdateAsync(Campaign c, CampaignRequest r, CancellationToken ct)
    {
        Apply(c, r, creating: false);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task DeleteAsync(Campaign c, CancellationToken ct)
    {
        await db.Set<CampaignPost>().Where(p => p.CampaignId == c.Id).ExecuteDeleteAsync(ct);
        await db.Set<PostMetrics>().Where(m => m.CampaignId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CampaignId, (string?)null), ct);
        db.Set<Campaign>().Remove(c);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts posts of the campaign's workspace in it (a post is in one campaign at most: it moves); their metrics follow.</summary>
    public async Task<int> AssignAsync(Campaign c, IReadOnlyCollection<string> postIds, bool remove, CancellationToken ct)
    {
        var ids = await db.Posts.Where(p => p.WorkspaceId == c.WorkspaceId && postIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        await db.Set<CampaignPost>().Where(p => ids.Contains(p.PostId)).ExecuteDeleteAsync(ct);
        if (!remove)
        {
            db.Set<CampaignPost>().AddRange(ids.Select(id => new CampaignPost { PostId = id, CampaignId = c.Id }));
            await db.SaveChangesAsync(ct);
        }
        string? campaign = remove ? null : c.Id;
        await db.Set<PostMetrics>().Where(m => ids.Contains(m.PostId)).ExecuteUpdateAsync(s => s.SetProperty(m => m.CampaignId, campaign), ct);
        return ids.Count;
    }

    /// <summary>The campaign a post belongs to, if any.</summary>
    public Task<string?> CampaignOfAsync(string postId, CancellationToken ct) =>
        db.Set<CampaignPost>().AsNoTracking().Where(cp => cp.PostId == postId).Select(cp => cp.CampaignId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Puts a post in the given campaign of its workspace, or takes it out of any campaign when <paramref name="campaignId"/>
    /// is empty or names no campaign of that workspace (the composer's campaign picker).
    /// </summary>
    public async Task MovePostAsync(string workspaceId, string postId, string? campaignId, CancellationToken ct)
    {
        var chosen = campaignId is { Length: > 0 } id ? await FindAsync(id, ct) : null;
        if (chosen is not null && chosen.WorkspaceId == workspaceId)
        {
            await AssignAsync(chosen, [postId], remove: false, ct);
        }
        else if (await CampaignOfAsync(postId, ct) is { } current && await FindAsync(current, ct) is { } old)
        {
            await AssignAsync(old, [postId], remove: true, ct);
        }
    }

    public async Task<CampaignReport> ReportAsync(Campaign c, CancellationToken ct)
    {
        var figures = await kpis.FiguresAsync(new KpiQuery(c.WorkspaceId, c.StartsOn, c.EndsOn, CampaignId: c.Id), ct);
        return CampaignPacing.Report(c, figures, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    private static void Apply(Campaign c, CampaignRequest r, bool creating)
    {
        if (creating || r.Name is not null)
        {
            c.Name = string.IsNullOrWhiteSpace(r.Name) ? throw new HeraldProblem(422, "Invalid campaign", "A campaign needs a name.") : r.Name.Trim();
        }
        c.StartsOn = r.StartsOn ?? (creating ? throw new HeraldProblem(422, "Invalid campaign", "A campaign needs 'startsOn' (2026-12-01).") : c.StartsOn);
        c.EndsOn = r.EndsOn ?? (creating ? throw new HeraldProblem(422, "Invalid campaign", "A campaign needs 'endsOn' (2026-12-31).") : c.EndsOn);
        if (c.EndsOn < c.StartsOn)
        {
            throw new HeraldProblem(422, "Invalid campaign", "'endsOn' must be on or after 'startsOn'.");
        }
        if (r.GoalClicks < 0 || r.GoalEngagements < 0 || r.GoalImpressions < 0 || r.GoalPosts < 0 || r.GoalEngagementRate is < 0 or > 100)
        {
            throw new HeraldProblem(422, "Invalid campaign", "Goals are positive; an engagement rate is a percentage.");
        }
        c.GoalClicks = r.GoalClicks ?? (creating ? null : c.GoalClicks);
        c.GoalEngagements = r.GoalEngagements ?? (creating ? null : c.GoalEngagements);
        c.GoalImpressions = r.GoalImpressions ?? (creating ? null : c.GoalImpressions);
        c.GoalEngagementRate = r.GoalEngagementRate ?? (creating ? null : c.GoalEngagementRate);
        c.GoalPosts = r.GoalPosts ?? (creating ? null : c.GoalPosts);
    }
}
