using Herald.Data;
using Herald.Inbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Herald.Web.Pages;

/// <summary>The inbox's settings: saved replies (editors) and the response-time target (admins).</summary>
public sealed class InboxSettingsModel(SavedReplies saved, InboxCommands commands, InboxQueries queries, IStringLocalizer<Resources.Inbox> text) : HeraldPageModel
{
    public IReadOnlyList<SavedReply> Replies { get; private set; } = [];
    public int TargetMinutes { get; private set; }
    public string? Error { get; private set; }

    /// <summary>A refused saved reply's fields, put back in the form.</summary>
    public SavedReplyRequest Draft { get; private set; } = new(null, null, "en");

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddReplyAsync(string? name, string? language, string? replyText, CancellationToken ct)
    {
        var request = new SavedReplyRequest(name, replyText, language);
        try
        {
            await saved.CreateAsync(Workspace, request, ct);
            Flash = text["Settings.ReplySaved"];
            return Redirect("/inbox/settings");
        }
        catch (HeraldProblem p) when (p.Status == 422)
        {
            (Error, Draft) = (p.Detail, request);
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteReplyAsync(string replyId, CancellationToken ct)
    {
        await saved.DeleteAsync(Workspace, replyId, ct);
        Flash = text["Settings.ReplyDeleted"];
        return Redirect("/inbox/settings");
    }

    public async Task<IActionResult> OnPostTargetAsync(int? minutes, CancellationToken ct)
    {
        try
        {
            await commands.SaveSettingsAsync(Workspace, new InboxSettingsRequest(minutes), ct);
            Flash = text["Settings.TargetSaved"];
        }
        catch (HeraldProblem p) when (p.Status == 422)
        {
            Flash = p.Detail;
        }
        return Redirect("/inbox/settings");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Replies = await saved.ListAsync(Workspace, ct);
        TargetMinutes = (int)(await queries.ResponseTargetAsync(Workspace.WorkspaceId, ct)).TotalMinutes;
    }
}
