using Herald.Curation;
using Herald.Curation.Reading;
using Herald.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>The reading list: articles saved for later, each readable here as plain text, and shareable.</summary>
public sealed class ReadingModel(ReadingListService service, TimeProvider time) : HeraldPageModel
{
    public List<SavedArticle> Articles { get; private set; } = [];
    public SavedArticle? Article { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public string? ArticleUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            Article = await Db.Set<SavedArticle>().FirstOrDefaultAsync(a => a.Id == Id && a.WorkspaceId == Workspace.WorkspaceId, ct);
            if (Article is null)
            {
                return NotFound();
            }
            if (Article.ReadAt is null && Can(Role.Contributor))
            {
                Article.ReadAt = time.GetUtcNow();
                await Db.SaveChangesAsync(ct);
            }
            return Page();
        }
        Articles = await CurationQueries.ReadingListAsync(Db, Workspace.WorkspaceId, false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Contributor);
        try
        {
            await service.SaveAsync(ws.WorkspaceId, ws.UserId, ArticleUrl, null, ct);
            return RedirectToPage();
        }
        catch (HeraldProblem p) when (p.Status is 404 or 422)
        {
            Error = p.Detail;
            Articles = await CurationQueries.ReadingListAsync(Db, Workspace.WorkspaceId, false, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string articleId, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Contributor);
        await Db.Set<SavedArticle>().Where(a => a.Id == articleId && a.WorkspaceId == ws.WorkspaceId).ExecuteDeleteAsync(ct);
        return RedirectToPage(new { id = (string?)null });
    }

    /// <summary>The stored text's paragraphs, rendered each as encoded text.</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
