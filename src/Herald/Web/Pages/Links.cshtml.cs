using Herald.Charts;
using Herald.Data;
using Herald.Links;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Herald.Web.Pages;

/// <summary>Tracked links: figures per link over 30 days, one link's daily chart, the "shorten links" setting, a new link.</summary>
public sealed class LinksModel(LinkQueries queries, LinkService links, IStringLocalizer<Resources.Links> text) : HeraldPageModel
{
    public IReadOnlyList<LinkDto> Links { get; private set; } = [];
    public bool ShortenLinks { get; private set; }
    public LinkDto? Selected { get; private set; }
    public HtmlString? DailyChart { get; private set; }
    public IStringLocalizer<Resources.Links> T => text;

    public async Task OnGetAsync(string? id, CancellationToken ct)
    {
        var (from, to) = LinkEndpoints.Period(null, null, HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        Links = await queries.ListAsync(Workspace.WorkspaceId, from, to, 200, ct);
        ShortenLinks = await links.ShortensLinksAsync(Workspace.WorkspaceId, ct);
        Selected = Links.FirstOrDefault(l => l.Id == id);
        if (Selected is not null && await queries.FindAsync(Selected.Id, ct) is { } link)
        {
            var days = await queries.DailyAsync(link, from, to, ct);
            DailyChart = SvgCharts.Bars(text["Daily"], [.. days.Select(d => new ChartPoint(d.Key[5..], d.Clicks))], BarStyle.Daily);
        }
    }

    public async Task<IActionResult> OnPostSettingsAsync(bool shortenLinks, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Admin);
        await links.SetShortenLinksAsync(ws.WorkspaceId, shortenLinks, ct);
        Flash = text["SettingsSaved"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateAsync(string url, string? campaign, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Contributor);
        var link = await links.CreateAsync(ws, new NewLink(url, Campaign: campaign), ct);
        Flash = text["Created", queries.ToDto(link, null).ShortUrl];
        return RedirectToPage(new { id = link.Id });
    }
}
