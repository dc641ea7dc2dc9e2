using Herald.Data;
using Herald.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>Notification channels of the workspace (e-mail, Slack-compatible webhooks): add, test, remove; and the outbox's recent messages.</summary>
public sealed class NotificationsModel(ChannelService channels) : HeraldPageModel
{
    protected override Role MinimumRole => Role.Admin;

    public IReadOnlyList<NotificationChannel> Channels { get; private set; } = [];
    public IReadOnlyList<OutboxMessage> Outbox { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Members { get; private set; } = new Dictionary<string, string>();

    [TempData]
    public string? NewSecret { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Channels = await channels.ListAsync(Workspace.WorkspaceId, ct);
        Outbox = await channels.RecentAsync(Workspace.WorkspaceId, 30, ct);
        Members = await Db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == Workspace.WorkspaceId)
            .Join(Db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email }).ToDictionaryAsync(x => x.Id, x => x.Email, ct);
    }

    /// <summary>A channel's recipients for display: members by their address.</summary>
    public string Recipients(NotificationChannel c) => string.Join(", ", (System.Text.Json.JsonSerializer.Deserialize<List<string>>(c.RecipientsJson) ?? [])
        .Select(r => r.StartsWith(ChannelRecipients.MemberPrefix, StringComparison.Ordinal) ? Members.GetValueOrDefault(r[ChannelRecipients.MemberPrefix.Length..], r) : r));

    public async Task<IActionResult> OnPostAddEmailAsync(string? name, string? recipients, string[]? members, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Admin);
        var list = (recipients ?? "").Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat((members ?? []).Select(m => ChannelRecipients.MemberPrefix + m)).ToList();
        return await TryAsync(async () => await channels.AddAsync(ws.WorkspaceId, ws.UserId, new AddChannel("email", name, list, null, null), ct));
    }

    public async Task<IActionResult> OnPostAddWebhookAsync(string? name, string? url, string? secret, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Admin);
        return await TryAsync(async () =>
        {
            var created = await channels.AddAsync(ws.WorkspaceId, ws.UserId, new AddChannel("webhook", name, null, url, secret), ct);
            NewSecret = created.Secret;
        });
    }

    public async Task<IActionResult> OnPostTestAsync(string channelId, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Admin);
        await channels.TestAsync(ws.WorkspaceId, channelId, ct);
        Flash = T["Channels.TestQueued"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string channelId, CancellationToken ct)
    {
        var ws = await RequireAsync(Role.Admin);
        await channels.RemoveAsync(ws.WorkspaceId, channelId, ct);
        Flash = T["Channels.Removed"];
        return RedirectToPage();
    }

    private Microsoft.Extensions.Localization.IStringLocalizer<Resources.Crisis> T =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.Crisis>>();

    private async Task<IActionResult> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            Flash = T["Channels.Added"];
        }
        catch (HeraldProblem problem) when (problem.Status == 422)
        {
            Flash = problem.Detail;
        }
        return RedirectToPage();
    }
}
