using Herald.Charts;
using Herald.Data;
using Herald.Listening;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herald.Web.Pages;

/// <summary>Listening: queries with a live preview, share of voice, volume, trends, influencers and the mention stream.</summary>
public sealed class ListeningModel : HeraldPageModel
{
    internal IReadOnlyList<ListeningQuery> Queries { get; private set; } = [];
    internal IReadOnlyList<Mention> Mentions { get; private set; } = [];
    internal IReadOnlyList<ListeningStats.Voice> Voices { get; private set; } = [];
    internal IReadOnlyList<ChartPoint> Volume { get; private set; } = [];
    internal IReadOnlyList<ListeningStats.Trend> Trends { get; private set; } = [];
    internal IReadOnlyList<ListeningStats.Author> Authors { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty]
    public QueryForm Form { get; set; } = new();

    private IStringLocalizer<Resources.Listening> LL => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Resources.Listening>>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        try
        {
            var q = await HttpContext.RequestServices.GetRequiredService<ListeningQueries>().CreateAsync(ws.WorkspaceId, new QueryInput(Form.Name, Form.Query, Form.Role), ct);
            Flash = LL["Created", q.Name];
            return RedirectToPage();
        }
        catch (HeraldProblem p) when (p.Status == 422)
        {
            Error = p.Detail;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string queryId, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Editor);
        var query = await Db.Set<ListeningQuery>().FirstOrDefaultAsync(q => q.Id == queryId && q.WorkspaceId == ws.WorkspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", "No such listening query.");
        await HttpContext.RequestServices.GetRequiredService<ListeningQueries>().DeleteAsync(query, ct);
        Flash = LL["Deleted"];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var ws = Workspace.WorkspaceId;
        var stats = HttpContext.RequestServices.GetRequiredService<ListeningStats>();
        Queries = await Db.Set<ListeningQuery>().AsNoTracking().Where(q => q.WorkspaceId == ws).OrderBy(q => q.CreatedAt).ToListAsync(ct);
        Mentions = await Db.Set<Mention>().AsNoTracking().Where(m => m.WorkspaceId == ws).OrderByDescending(m => m.PublishedAt).Take(50).ToListAsync(ct);
        Voices = await stats.ShareOfVoiceAsync(ws, Queries, Now.AddDays(-30), Now, ct);
        var hour = TimeSpan.FromHours(1);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(Now.ToUnixTimeMilliseconds() / 3_600_000 * 3_600_000).AddHours(-47);
        var points = (await stats.VolumeAsync(ws, null, hour, start, Now, ct)).GroupBy(p => p.At).ToDictionary(g => g.Key, g => g.Sum(p => p.Mentions));
        Volume = [.. Enumerable.Range(0, 48).Select(i => start.AddHours(i)).Select(at => new ChartPoint(When(at), points.GetValueOrDefault(at)))];
        Trends = await stats.TrendsAsync(ws, Now, TimeSpan.FromDays(1), 15, ct);
        Authors = await stats.AuthorsAsync(ws, null, 15, ct);
    }

    /// <summary>The add-query form.</summary>
    public sealed class QueryForm
    {
        public string? Name { get; set; }
        public string? Query { get; set; }
        public QueryRole Role { get; set; } = QueryRole.Topic;
    }
}
