using Herald.Curation.Feeds;
using Herald.Curation.Fetching;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Curation.Reading;

/// <summary>Saving an article to read later: fetched safely, its readable text extracted and stored as plain text.</summary>
public sealed class ReadingListService(HeraldDb db, FeedFetcher fetcher, TimeProvider time)
{
    /// <summary>Saves <paramref name="url"/> (or the link of feed entry <paramref name="feedEntryId"/>); saving it again returns the saved one.</summary>
    public async Task<SavedArticle> SaveAsync(string workspaceId, string userId, string? url, string? feedEntryId, CancellationToken ct)
    {
        FeedEntry? entry = null;
        if (feedEntryId is not null)
        {
            entry = await db.Set<FeedEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == feedEntryId && e.WorkspaceId == workspaceId, ct)
                ?? throw new HeraldProblem(404, "Not found", "No such feed item in this workspace.");
            url ??= entry.Link ?? throw new HeraldProblem(422, "No link", "This feed item has no link to save.");
        }
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new HeraldProblem(422, "Invalid URL", "Give an http or https URL.");
        }
        var existing = await db.Set<SavedArticle>().FirstOrDefaultAsync(a => a.WorkspaceId == workspaceId && a.Url == uri.AbsoluteUri, ct);
        if (existing is not null)
        {
            return existing;
        }
        var article = new SavedArticle
        {
            Id = Ids.New(),
            WorkspaceId = workspaceId,
            Url = uri.AbsoluteUri,
            Title = entry?.Title,
            FeedEntryId = entry?.Id,
            SavedBy = userId,
            SavedAt = time.GetUtcNow(),
            Status = ArticleStatus.Pending,
        };
        await ExtractAsync(article, ct);
        db.Set<SavedArticle>().Add(article);
        await db.SaveChangesAsync(ct);
        return article;
    }

    /// <summary>Fetches the page and extracts its text; a failure is recorded on the article, which stays saved.</summary>
    public async Task ExtractAsync(SavedArticle article, CancellationToken ct)
    {
        var fetched = await fetcher.FetchAsync(article.Url, accept: FetchOptions.PageAccept, ct: ct);
        if (fetched.Status != FetchStatus.Ok)
        {
            article.Status = ArticleStatus.Failed;
            article.Error = fetched.Error;
            return;
        }
        try
        {
            var html = FeedText.Decode(fetched.Body, fetched.Charset);
            var extracted = ArticleExtractor.Extract(html, new Uri(fetched.FinalUrl));
            article.Title = extracted.Title ?? article.Title ?? new Uri(article.Url).Host;
            article.Site = extracted.Site;
            article.Excerpt = extracted.Excerpt;
            article.Text = extracted.Text.Length > 500_000 ? extracted.Text[..500_000] : extracted.Text;
            article.Status = ArticleStatus.Ready;
            article.Error = null;
        }
        catch (Exception ex)
        {
            article.Status = ArticleStatus.Failed;
            article.Error = "Could not extract the article: " + ex.Message;
        }
    }
}
