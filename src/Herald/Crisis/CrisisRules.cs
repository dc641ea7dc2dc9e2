using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Crisis;

/// <summary>A rule as the API takes it; omitted fields get the defaults of its kind.</summary>
public sealed record RuleRequest(string? Name, string? Kind, int? WindowMinutes, double? Threshold, int? MinimumCount, int? BaselineWeeks, bool? Enabled);

/// <summary>A rule as the API shows it.</summary>
public sealed record RuleDto(string Id, string Name, string Kind, int WindowMinutes, double Threshold, int MinimumCount, int BaselineWeeks, bool Enabled, bool Firing)
{
    public static RuleDto From(CrisisRule r) => new(r.Id, r.Name, Kinds.Name(r.Kind), r.WindowMinutes, r.Threshold, r.MinimumCount, r.BaselineWeeks, r.Enabled, r.Firing);
}

/// <summary>Rule kinds by their API names ("negative_share", "volume").</summary>
public static class Kinds
{
    public static string Name(CrisisRuleKind kind) => kind == CrisisRuleKind.NegativeShare ? "negative_share" : "volume";

    public static CrisisRuleKind Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "negative_share" or "negativeshare" => CrisisRuleKind.NegativeShare,
        "volume" => CrisisRuleKind.Volume,
        _ => throw new HeraldProblem(422, "Invalid rule", "The kind must be \"negative_share\" or \"volume\"."),
    };
}

/// <summary>Creates, edits and deletes a workspace's crisis rules, with defaults that suit a brand of modest size.</summary>
public sealed class CrisisRules(HeraldDb db, TimeProvider time)
{
    /// <summary>Defaults: 40% negative over 60 minutes with at least 20 items; 3× the usual volume over 60 minutes with at least 30 items, over 6 weeks.</summary>
    public static CrisisRule Defaults(string workspaceId, CrisisRuleKind kind) => kind == CrisisRuleKind.NegativeShare
        ? new CrisisRule { WorkspaceId = workspaceId, Name = "Negative share", Kind = kind, WindowMinutes = 60, Threshold = 40, MinimumCount = 20, BaselineWeeks = 6 }
        : new CrisisRule { WorkspaceId = workspaceId, Name = "Volume spike", Kind = kind, WindowMinutes = 60, Threshold = 3, MinimumCount = 30, BaselineWeeks = 6 };

    public async Task<List<CrisisRule>> ListAsync(string workspaceId, CancellationToken ct) =>
        (await db.Set<CrisisRule>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId).ToListAsync(ct)).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList();

    public async Task<CrisisRule> AddAsync(string workspaceId, RuleRequest request, CancellationToken ct)
    {
        var rule = Defaults(workspaceId, Kinds.Parse(request.Kind));
        rule.CreatedAt = time.GetUtcNow();
        Apply(rule, request);
        db.Set<CrisisRule>().Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task<CrisisRule> UpdateAsync(string workspaceId, string id, RuleRequest request, CancellationToken ct)
    {
        var rule = await FindAsync(workspaceId, id, ct);
        Apply(rule, request);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task DeleteAsync(string workspaceId, string id, CancellationToken ct)
    {
        db.Remove(await FindAsync(workspaceId, id, ct));
        await db.SaveChangesAsync(ct);
    }

    private async Task<CrisisRule> FindAsync(string workspaceId, string id, CancellationToken ct) =>
        await db.Set<CrisisRule>().FirstOrDefaultAsync(r => r.Id == id && r.WorkspaceId == workspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", "No such rule in this workspace.");

    private static void Apply(CrisisRule rule, RuleRequest r)
    {
        if (!string.IsNullOrWhiteSpace(r.Name))
        {
            rule.Name = r.Name.Trim();
        }
        rule.WindowMinutes = r.WindowMinutes ?? rule.WindowMinutes;
        rule.Threshold = r.Threshold ?? rule.Threshold;
        rule.MinimumCount = r.MinimumCount ?? rule.MinimumCount;
        rule.BaselineWeeks = r.BaselineWeeks ?? rule.BaselineWeeks;
        rule.Enabled = r.Enabled ?? rule.Enabled;
        if (rule.WindowMinutes is < 1 or > 1440)
        {
            throw Invalid("The window must be between 1 and 1440 minutes.");
        }
        if (rule.MinimumCount < 1)
        {
            throw Invalid("The minimum count must be at least 1.");
        }
        if (rule.Kind == CrisisRuleKind.NegativeShare && rule.Threshold is <= 0 or > 100)
        {
            throw Invalid("A negative-share threshold is a percentage, above 0 and at most 100.");
        }
        if (rule.Kind == CrisisRuleKind.Volume && (rule.Threshold <= 1 || rule.BaselineWeeks is < 1 or > 8))
        {
            throw Invalid("A volume threshold is a ratio above 1 (e.g. 3 for three times the usual level), over 1 to 8 weeks.");
        }
    }

    private static HeraldProblem Invalid(string message) => new(422, "Invalid rule", message);
}
