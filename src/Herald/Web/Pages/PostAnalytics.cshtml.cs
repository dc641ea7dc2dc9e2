using Herald.Analytics;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>One post's analytics: each account's counts over time.</summary>
public sealed class PostAnalyticsModel : HeraldPageModel
{
    public string PostText { get; private set; } = "";
    public IReadOnlyList<DeliveryHistory> Deliveries { get; private set; } = [];
    public Dictionary<string, string> AccountNames { get; private set; } = [];

    public async Task OnGetAsync(string postId, CancellationToken ct)
    {
        var post = await Db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId && p.WorkspaceId == Workspace.WorkspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", $"No post {postId}.");
        PostText = post.Text;
        Deliveries = await PostHistory.LoadAsync(Db, postId, ct);
        AccountNames = await Db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == Workspace.WorkspaceId).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
    }
}
