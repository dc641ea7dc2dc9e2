using Herald.Analytics;
using Herald.Data;
using Herald.Networks;
using Herald.Networks.Mastodon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Competitors;

/// <summary>A competitor to follow: its network, its handle, and for Mastodon optionally the instance to read it from.</summary>
public sealed record AddCompetitorRequest(string? Network, string? Handle, string? Instance = null);

/// <summary>A followed competitor as the API and the page show it.</summary>
public sealed record CompetitorDto(string Id, string Network, string Handle, string? DisplayName, string? ProfileUrl, string? InstanceUrl,
    DateTimeOffset AddedAt, DateTimeOffset? LastCollectedAt, DateTimeOffset NextDueAt, string? LastError, long? Followers);

/// <summary>Adding (with a first reading of the profile, so a mistyped handle is refused at once) and removing competitors.</summary>
public sealed class CompetitorCommands(HeraldDb db, CompetitorSources sources, CompetitorRecorder recorder, IOptions<NetworkOptions> network, TimeProvider time)
{
    /// <summary>Enough for a market's main players on each network, few enough to keep collection light.</summary>
    public const int MaxPerWorkspace = 50;

    public async Task<CompetitorDto> AddAsync(string workspaceId, string userId, AddCompetitorRequest request, CancellationToken ct)
    {
        var key = request.Network?.Trim().ToLowerInvariant() ?? "";
        var source = sources.Find(key) ?? throw new HeraldProblem(422, "Invalid network", $"'network' is one of {string.Join(", ", sources.Networks.Order())}.");
        var handle = source.Normalize(request.Handle ?? "") ?? throw new HeraldProblem(422, "Invalid handle",
            key == "mastodon" ? "A Mastodon handle looks like user@instance.social." : key == "bluesky" ? "A Bluesky handle looks like name.bsky.social." : "A handle is letters, digits, '-', '_' or '.'.");
        string? instance = null;
        if (key == "mastodon")
        {
            var given = string.IsNullOrWhiteSpace(request.Instance) ? handle[(handle.IndexOf('@') + 1)..] : request.Instance;
            if (!MastodonInstance.TryNormalize(given, network.Value.AllowPrivateAddresses, out var url, out var error))
            {
                throw new HeraldProblem(422, "Invalid instance", error);
            }
            instance = url.ToString().TrimEnd('/');
        }
        if (await db.Set<Competitor>().AnyAsync(c => c.WorkspaceId == workspaceId && c.Network == key && c.Handle == handle, ct))
        {
            throw new HeraldProblem(409, "Already followed", $"{handle} is already a competitor of this workspace.");
        }
        if (await db.Set<Competitor>().CountAsync(c => c.WorkspaceId == workspaceId, ct) >= MaxPerWorkspace)
        {
            throw new HeraldProblem(422, "Too many competitors", $"A workspace follows at most {MaxPerWorkspace} competitors.");
        }
        var now = time.GetUtcNow();
        var competitor = new Competitor { WorkspaceId = workspaceId, Network = key, Handle = handle, InstanceUrl = instance, AddedAt = now, AddedBy = userId, NextDueAt = now };
        var profile = await source.GetProfileAsync(CompetitorRef.Of(competitor), ct);
        if (!profile.Ok && profile.Failure!.Kind is FailureKind.Permanent or FailureKind.InvalidContent or FailureKind.AuthExpired)
        {
            throw new HeraldProblem(422, "Account not found", $"{handle} could not be read on {key}: {profile.Failure.Message}");
        }
        try
        {
            db.Add(competitor);
            if (profile.Ok)
            {
                await recorder.RecordProfileAsync(competitor, profile.Value!, now, ct);
            }
            else
            {
                // The network is busy or down: follow anyway; the collector reads the account when it answers again.
                competitor.LastError = profile.Failure!.ToString();
                competitor.Failures = 1;
                competitor.NextDueAt = now + (profile.Failure.RetryAfter ?? TimeSpan.FromMinutes(5));
                await db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Two requests added the same account at the same moment: the second is told what the first check would have said.
            throw new HeraldProblem(409, "Already followed", $"{handle} is already a competitor of this workspace.");
        }
        return (await ListAsync(workspaceId, ct)).Single(c => c.Id == competitor.Id);
    }

    public async Task RemoveAsync(string workspaceId, string id, CancellationToken ct)
    {
        var competitor = await db.Set<Competitor>().FirstOrDefaultAsync(c => c.Id == id && c.WorkspaceId == workspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", $"No competitor {id}.");
        await db.Set<CompetitorPost>().Where(p => p.CompetitorId == id).ExecuteDeleteAsync(ct);
        await db.Set<CompetitorDaily>().Where(d => d.CompetitorId == id).ExecuteDeleteAsync(ct);
        db.Remove(competitor);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<CompetitorDto>> ListAsync(string workspaceId, CancellationToken ct)
    {
        var competitors = await db.Set<Competitor>().AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Network).ThenBy(c => c.Handle).ToListAsync(ct);
        var ids = competitors.Select(c => c.Id).ToList();
        var latest = (await db.Set<CompetitorDaily>().AsNoTracking().Where(d => ids.Contains(d.CompetitorId)).ToListAsync(ct))
            .GroupBy(d => d.CompetitorId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Day)!.Followers);
        return [.. competitors.Select(c => new CompetitorDto(c.Id, c.Network, c.Handle, c.DisplayName, c.ProfileUrl, c.InstanceUrl, c.AddedAt,
            c.LastCollectedAt, c.NextDueAt, c.LastError, latest.TryGetValue(c.Id, out var f) ? f : null))];
    }
}
