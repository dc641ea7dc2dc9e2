using System.Globalization;
using System.Text.Json;
using Herald.Accounts;
using Herald.Campaigns;
using Herald.Data;
using Herald.Networks;
using Herald.Publishing;
using Herald.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>
/// The composer: one text, per-account variants, media with alt text, a schedule. The page posts to the same
/// <see cref="PostComposer"/> as the API, so the server's verdict (422 with violations) is shown next to each account.
/// </summary>
public sealed class ComposeModel(PostComposer composer, PostQueries queries, NetworkRegistry networks, CampaignService campaigns) : HeraldPageModel
{
    protected override Role MinimumRole => Role.Contributor;

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "date")]
    public string? DateHint { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public List<string> AccountIds { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Variants { get; set; } = [];

    [BindProperty]
    public List<string> MediaIds { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Alt { get; set; } = [];

    [BindProperty]
    public string? ScheduledAt { get; set; }

    [BindProperty]
    public string? PostZone { get; set; }

    [BindProperty]
    public bool Thread { get; set; }

    [BindProperty]
    public string? Mode { get; set; }

    /// <summary>The campaign the post belongs to (none when empty); <c>?campaign=</c> prefills it for a new post.</summary>
    [BindProperty(Name = "Campaign")]
    public string? CampaignId { get; set; }

    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public IReadOnlyList<MediaItem> Media { get; private set; } = [];
    public IReadOnlyList<Violation> Violations { get; private set; } = [];
    public string? Error { get; private set; }
    public string DataJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PostZone = TimeZone;
        // ?text= prefills a new post (sharing an article from the feed reader or the reading list).
        if (Id is null && Request.Query["text"].ToString() is { Length: > 0 } prefill)
        {
            Text = prefill.Length > 5000 ? prefill[..5000] : prefill;
        }
        if (Id is not null)
        {
            var post = await FindAsync(Id, ct);
            Text = post.Text;
            AccountIds = post.Deliveries.Select(d => d.AccountId).Distinct().ToList();
            Variants = post.Deliveries.Where(d => d.VariantText is not null).ToDictionary(d => d.AccountId, d => d.VariantText);
            MediaIds = JsonSerializer.Deserialize<List<string>>(post.MediaIdsJson) ?? [];
            Thread = post.SplitIntoThread;
            PostZone = post.TimeZone ?? TimeZone;
            ScheduledAt = post.ScheduledLocal is { Length: >= 16 } l ? l[..16] : null;
            CampaignId = await campaigns.CampaignOfAsync(post.Id, ct);
        }
        else if (Request.Query["campaign"].ToString() is { Length: > 0 } campaign)
        {
            CampaignId = campaign;
        }
        if (ScheduledAt is null)
        {
            var date = DateOnly.TryParseExact(DateHint, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            var local = Local(Now);
            var next = date is { } day && day > DateOnly.FromDateTime(local) ? day.ToDateTime(new TimeOnly(9, 0)) : local.Date.AddHours(local.Hour + 1);
            ScheduledAt = next.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        }
        await LoadAsync(ct);
        if (Id is null && AccountIds.Count == 0 && Accounts.Count == 1)
        {
            AccountIds = [Accounts[0].Id];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new PostRequest
        {
            Text = Text ?? "",
            AccountIds = AccountIds.Distinct().ToList(),
            MediaIds = MediaIds.Distinct().ToList(),
            Variants = Variants.Where(v => !string.IsNullOrWhiteSpace(v.Value) && AccountIds.Contains(v.Key))
                .ToDictionary(v => v.Key, v => new VariantRequest { Text = v.Value }),
            Thread = Thread,
            TimeZone = PostZone,
            PublishNow = Mode == "now",
            Queue = Mode == "queue",
            Draft = Mode is null or "draft",
            ScheduledAt = Mode == "schedule" ? ScheduledAt : null,
        };
        if (Mode == "schedule" && string.IsNullOrWhiteSpace(ScheduledAt))
        {
            request.Draft = true;
            request.ScheduledAt = null;
        }
        try
        {
            await SaveAltTextsAsync(ct);
            var (post, warnings) = Id is null
                ? await composer.CreateAsync(Workspace, request, ct)
                : await composer.UpdateAsync(Workspace, await FindAsync(Id, ct), request, ct);
            await campaigns.MovePostAsync(post.WorkspaceId, post.Id, CampaignId, ct);
            var done = Localizer["Compose.Done." + (Mode ?? "draft")].Value;
            var notes = warnings.Where(w => w.Warning).Select(w => w.Message).Distinct().ToList();
            Flash = notes.Count == 0 ? done : done + " " + string.Join(" ", notes);
            return Redirect($"/posts/{post.Id}");
        }
        catch (HeraldProblem p) when (p.Status is 403 or 409 or 422)
        {
            Violations = p.Extensions.TryGetValue("violations", out var v) && v is IEnumerable<Violation> list ? list.ToList() : [];
            Error = p.Detail;
            Response.StatusCode = p.Status;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task<Post> FindAsync(string id, CancellationToken ct)
    {
        var post = await queries.FindAsync(id, ct) ?? throw new HeraldProblem(404, "Not found", $"No post {id}.");
        await Access.RequireAsync(Role.Contributor, post.WorkspaceId, ct);
        return post;
    }

    /// <summary>Alt texts typed in the composer are saved on the media before the post is checked (the warning reads them).</summary>
    private async Task SaveAltTextsAsync(CancellationToken ct)
    {
        var ids = MediaIds.ToList();
        var items = await Db.Media.Where(m => m.WorkspaceId == Workspace.WorkspaceId && ids.Contains(m.Id)).ToListAsync(ct);
        foreach (var m in items)
        {
            var alt = Alt.GetValueOrDefault(m.Id);
            m.AltText = string.IsNullOrWhiteSpace(alt) ? null : alt.Trim();
        }
        await Db.SaveChangesAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Campaigns = await campaigns.ListAsync(Workspace.WorkspaceId, ct);
        Accounts = await Db.Accounts.AsNoTracking()
            .Where(a => a.WorkspaceId == Workspace.WorkspaceId && a.Status != AccountStatus.Disconnected)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var ids = MediaIds.ToList();
        var media = await Db.Media.AsNoTracking().Where(m => m.WorkspaceId == Workspace.WorkspaceId && ids.Contains(m.Id)).ToListAsync(ct);
        Media = ids.Select(id => media.FirstOrDefault(m => m.Id == id)).OfType<MediaItem>().ToList();
        foreach (var m in Media)
        {
            Alt.TryAdd(m.Id, m.AltText);
        }
        DataJson = JsonSerializer.Serialize(new
        {
            workspaceId = Workspace.WorkspaceId,
            accounts = Accounts.Select(a => new { a.Id, a.Name, a.Handle, a.Network, a.ServiceUrl, rules = AccountRules.For(a, networks) }),
            text = new
            {
                shared = Localizer["Compose.Shared"].Value,
                over = Localizer["Compose.Over"].Value,
                altMissing = Localizer["Compose.AltMissing"].Value,
                alt = Localizer["Compose.AltLabel"].Value,
                remove = Localizer["Compose.Remove"].Value,
                uploading = Localizer["Compose.Uploading"].Value,
                uploadFailed = Localizer["Compose.UploadFailed"].Value,
                threadOf = Localizer["Compose.ThreadOf"].Value,
                noAccount = Localizer["Compose.NoAccount"].Value,
                simulated = Localizer["Network.Simulated"].Value,
                now = Localizer["Compose.JustNow"].Value,
            },
        }, HeraldJson.Options);
    }

    public IEnumerable<Violation> For(string accountId) => Violations.Where(v => v.AccountId == accountId);

    public IEnumerable<Violation> General => Violations.Where(v => v.AccountId.Length == 0);

    public bool CanSchedule => Can(Role.Editor);
}
