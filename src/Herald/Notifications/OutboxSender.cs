using System.Text.Json;
using Herald.Data;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Notifications;

/// <summary>Sends one outbox message through its channel: e-mail to the channel's recipients or one address, or a webhook.</summary>
public sealed class OutboxSender(HeraldDb db, IMailSender mail, WebhookSender webhooks, ChannelSecrets secrets, IOptions<NotificationOptions> options)
{
    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var link = AbsoluteLink(message.Link);
        if (message.ChannelId is null)
        {
            return message.Recipient is { } address
                ? await MailAsync([address], message, link, ct)
                : SendOutcome.Permanent("The message has neither a channel nor a recipient.");
        }
        var channel = await db.Set<NotificationChannel>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == message.ChannelId, ct);
        if (channel is null)
        {
            return SendOutcome.Permanent("The channel was removed.");
        }
        if (channel.Kind == ChannelKind.Webhook)
        {
            var url = secrets.Unprotect(channel.ProtectedUrl!);
            var secret = channel.ProtectedSecret is null ? null : secrets.Unprotect(channel.ProtectedSecret);
            return await webhooks.SendAsync(url, secret, message, link, ct);
        }
        var recipients = await RecipientsAsync(channel, ct);
        return recipients.Count == 0
            ? SendOutcome.Permanent("The channel has no recipient left (members who left the workspace are skipped).")
            : await MailAsync(recipients, message, link, ct);
    }

    /// <summary>Addresses as given, and members' current addresses (only while they are members of the workspace).</summary>
    public async Task<List<string>> RecipientsAsync(NotificationChannel channel, CancellationToken ct)
    {
        var entries = JsonSerializer.Deserialize<List<string>>(channel.RecipientsJson) ?? [];
        var memberIds = entries.Where(e => e.StartsWith(ChannelRecipients.MemberPrefix, StringComparison.Ordinal))
            .Select(e => e[ChannelRecipients.MemberPrefix.Length..]).ToList();
        var memberEmails = memberIds.Count == 0 ? [] : await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == channel.WorkspaceId && memberIds.Contains(m.UserId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).ToListAsync(ct);
        return entries.Where(e => !e.StartsWith(ChannelRecipients.MemberPrefix, StringComparison.Ordinal))
            .Concat(memberEmails).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<SendOutcome> MailAsync(IReadOnlyList<string> to, OutboxMessage m, string? link, CancellationToken ct)
    {
        var text = m.Body + (link is null ? "" : "\n\n" + link) + "\n\n-- \nHerald";
        try
        {
            await mail.SendAsync(new OutgoingMail(to, m.Title, text), ct);
            return SendOutcome.Ok;
        }
        catch (MailNotConfiguredException ex)
        {
            return SendOutcome.Permanent(ex.Message);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            // 5xx from SMTP is a permanent refusal (unknown mailbox, relay denied); 4xx is worth retrying.
            return SendOutcome.Permanent($"The SMTP server refused the message: {(int)ex.StatusCode} {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
                                       or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return SendOutcome.Transient("SMTP: " + ex.Message);
        }
        catch (Exception ex) when (ex is FormatException or MimeKit.ParseException)
        {
            return SendOutcome.Permanent("Invalid address: " + ex.Message);
        }
    }

    private string? AbsoluteLink(string? link) =>
        link is null || link.Contains("://", StringComparison.Ordinal) || options.Value.PublicUrl is not { Length: > 0 } baseUrl
            ? link
            : baseUrl.TrimEnd('/') + "/" + link.TrimStart('/');
}

/// <summary>How e-mail channel recipients are written: an address, or "member:&lt;user id&gt;".</summary>
public static class ChannelRecipients
{
    public const string MemberPrefix = "member:";
}
