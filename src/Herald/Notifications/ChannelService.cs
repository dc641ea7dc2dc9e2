using System.Text.Json;
using Herald.Data;
using Herald.Networks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Herald.Notifications;

/// <summary>A request to add a channel: e-mail recipients, or a webhook URL (and optionally its signing secret).</summary>
public sealed record AddChannel(string? Kind, string? Name, IReadOnlyList<string>? Recipients, string? Url, string? Secret);

/// <summary>A channel as the API shows it: never the URL's path or the secret, except the secret once, at creation.</summary>
public sealed record ChannelDto(string Id, string Kind, string Name, IReadOnlyList<string> Recipients, string? UrlHint, bool HasSecret, DateTimeOffset CreatedAt, string? Secret = null)
{
    public static ChannelDto From(NotificationChannel c, string? secret = null) => new(
        c.Id, c.Kind.ToString().ToLowerInvariant(), c.Name, JsonSerializer.Deserialize<List<string>>(c.RecipientsJson) ?? [], c.UrlHint, c.ProtectedSecret is not null, c.CreatedAt, secret);
}

/// <summary>An outbox message as the API and the settings page show it.</summary>
public sealed record OutboxDto(string Id, string? ChannelId, string? Recipient, string Kind, string Title, string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static OutboxDto From(OutboxMessage m) => new(m.Id, m.ChannelId, m.Recipient, m.Kind, m.Title, m.Status.ToString().ToLowerInvariant(), m.Attempts, m.NextAttemptAt, m.LastError, m.CreatedAt, m.SentAt);
}

/// <summary>Adds, lists, tests and removes a workspace's notification channels.</summary>
public sealed class ChannelService(HeraldDb db, ChannelSecrets secrets, NotificationQueue queue, TimeProvider time, IOptions<NetworkOptions> network)
{
    public async Task<List<NotificationChannel>> ListAsync(string workspaceId, CancellationToken ct) =>
        (await db.Set<NotificationChannel>().AsNoTracking().Where(c => c.WorkspaceId == workspaceId).ToListAsync(ct))
            .OrderBy(c => c.CreatedAt).ToList();

    public async Task<ChannelDto> AddAsync(string workspaceId, string userId, AddChannel request, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        var channel = new NotificationChannel { WorkspaceId = workspaceId, Name = name ?? "", CreatedBy = userId, CreatedAt = time.GetUtcNow() };
        string? secret = null;
        switch (request.Kind?.Trim().ToLowerInvariant())
        {
            case "email":
                channel.Kind = ChannelKind.Email;
                var recipients = await ValidRecipientsAsync(workspaceId, request.Recipients ?? [], ct);
                channel.RecipientsJson = JsonSerializer.Serialize(recipients);
                channel.Name = string.IsNullOrEmpty(name) ? string.Join(", ", recipients) : name;
                break;
            case "webhook":
                channel.Kind = ChannelKind.Webhook;
                var url = request.Url?.Trim();
                if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                    || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.UserInfo))
                {
                    throw Invalid("url", "The webhook URL must be an absolute http(s) URL, such as https://hooks.slack.com/services/….");
                }
                if (AddressGuard.RefuseLiteral(url, network.Value.AllowPrivateAddresses) is { } refused)
                {
                    throw Invalid("url", refused.Message);
                }
                secret = string.IsNullOrWhiteSpace(request.Secret) ? WebhookSignature.NewSecret() : request.Secret.Trim();
                channel.ProtectedUrl = secrets.Protect(uri.ToString());
                channel.ProtectedSecret = secrets.Protect(secret);
                channel.UrlHint = uri.GetLeftPart(UriPartial.Authority);
                channel.Name = string.IsNullOrEmpty(name) ? uri.Host : name;
                break;
            default:
                throw Invalid("kind", "The kind must be \"email\" or \"webhook\".");
        }
        db.Set<NotificationChannel>().Add(channel);
        await db.SaveChangesAsync(ct);
        return ChannelDto.From(channel, secret);
    }

    public async Task<NotificationChannel> FindAsync(string workspaceId, string id, CancellationToken ct) =>
        await db.Set<NotificationChannel>().FirstOrDefaultAsync(c => c.Id == id && c.WorkspaceId == workspaceId, ct)
            ?? throw new HeraldProblem(404, "Not found", "No such notification channel in this workspace.");

    public async Task RemoveAsync(string workspaceId, string id, CancellationToken ct)
    {
        var channel = await FindAsync(workspaceId, id, ct);
        db.Remove(channel);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Queues a test message to one channel; it goes through the outbox like any other.</summary>
    public async Task<OutboxDto> TestAsync(string workspaceId, string id, CancellationToken ct)
    {
        var channel = await FindAsync(workspaceId, id, ct);
        await queue.EnqueueAsync(new Notification(workspaceId, "notifications.test", "Herald test notification",
            $"This is a test of the notification channel \"{channel.Name}\". If you can read it, the channel works.", "/notifications"), [channel.Id], [], ct);
        var message = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ChannelId == channel.Id)
            .OrderByDescending(m => m.Id).FirstAsync(ct);
        return OutboxDto.From(message);
    }

    public async Task<List<OutboxMessage>> RecentAsync(string workspaceId, int take, CancellationToken ct) =>
        await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .OrderByDescending(m => m.Id).Take(take).ToListAsync(ct);

    private async Task<List<string>> ValidRecipientsAsync(string workspaceId, IReadOnlyList<string> entries, CancellationToken ct)
    {
        var result = new List<string>();
        foreach (var raw in entries.Select(e => e?.Trim()).Where(e => !string.IsNullOrEmpty(e)).Select(e => e!))
        {
            if (raw.StartsWith(ChannelRecipients.MemberPrefix, StringComparison.Ordinal))
            {
                var userId = raw[ChannelRecipients.MemberPrefix.Length..];
                if (!await db.Memberships.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct))
                {
                    throw Invalid("recipients", $"{raw} is not a member of this workspace.");
                }
            }
            else if (!MailboxAddress.TryParse(raw, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                throw Invalid("recipients", $"\"{raw}\" is not an e-mail address.");
            }
            result.Add(raw);
        }
        if (result.Count == 0)
        {
            throw Invalid("recipients", "Give at least one e-mail address or member (\"member:<user id>\").");
        }
        return result.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static HeraldProblem Invalid(string field, string message) => new(422, "Invalid channel", message);
}
