using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Links;

/// <summary>What a new tracked link points at and what it is attributed to.</summary>
public sealed record NewLink(string Url, string? PostId = null, string? DeliveryId = null, string? AccountId = null, string? Network = null, string? Campaign = null, Utm? Utm = null);

/// <summary>Creates, lists and disables tracked links; reads and writes the workspace's link settings.</summary>
public sealed class LinkService(HeraldDb db, LinkDirectory directory, TimeProvider time)
{
    /// <summary>Adds the link to the unit of work (saved with the caller's SaveChanges) and returns it.</summary>
    public TrackedLink Add(string workspaceId, NewLink request)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new HeraldProblem(422, "Invalid link", $"'{request.Url}' is not an http or https URL.");
        }
        var campaign = Slug(request.Campaign);
        var utm = Utm.For(request.Network, campaign, request.DeliveryId ?? request.PostId).With(request.Utm);
        var link = new TrackedLink
        {
            WorkspaceId = workspaceId,
            Code = ShortCodes.New(),
            OriginalUrl = request.Url,
            TargetUrl = UrlMerge.With(request.Url, utm.Pairs()),
            PostId = request.PostId,
            DeliveryId = request.DeliveryId,
            AccountId = request.AccountId,
            Network = request.Network,
            Campaign = campaign,
            CreatedAt = time.GetUtcNow(),
        };
        db.Set<TrackedLink>().Add(link);
        return link;
    }

    public async Task<TrackedLink> CreateAsync(WorkspaceContext ws, NewLink request, CancellationToken ct)
    {
        var link = Add(ws.WorkspaceId, request);
        await db.SaveChangesAsync(ct);
        directory.Forget(link.Code);
        return link;
    }

    public async Task DisableAsync(TrackedLink link, CancellationToken ct)
    {
        link.Disabled = true;
        await db.SaveChangesAsync(ct);
        directory.Forget(link.Code);
    }

    public async Task<bool> ShortensLinksAsync(string workspaceId, CancellationToken ct) =>
        await db.Set<LinkSettings>().AsNoTracking().Where(s => s.WorkspaceId == workspaceId).Select(s => s.ShortenLinks).FirstOrDefaultAsync(ct);

    public async Task SetShortenLinksAsync(string workspaceId, bool on, CancellationToken ct)
    {
        var settings = await db.Set<LinkSettings>().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        if (settings is null)
        {
            settings = new LinkSettings { WorkspaceId = workspaceId };
            db.Set<LinkSettings>().Add(settings);
        }
        settings.ShortenLinks = on;
        settings.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(settings).State == EntityState.Added)
        {
            // Another admin saved the workspace's first settings at the same moment: this change goes over theirs.
            db.ChangeTracker.Clear();
            settings = await db.Set<LinkSettings>().FirstAsync(s => s.WorkspaceId == workspaceId, ct);
            settings.ShortenLinks = on;
            settings.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>"Spring Sale 2026!" → "spring-sale-2026".</summary>
    public static string? Slug(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var chars = name.Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' ? c : '-');
        var slug = string.Join('-', new string(chars.ToArray()).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? null : slug[..Math.Min(slug.Length, 64)];
    }
}
