using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Notifications;

/// <summary>Wakes the outbox worker as soon as something is queued.</summary>
public sealed class NotificationSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Interlocked.Exchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;
}

/// <summary>
/// Puts notifications in the durable outbox: one row per channel (or per address). A singleton over short scopes, so
/// singletons of other capabilities (background services) can notify.
/// </summary>
public sealed class NotificationQueue(IServiceScopeFactory scopes, TimeProvider time, NotificationSignal signal) : INotifier
{
    /// <summary>Fans out to every channel of the workspace.</summary>
    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken) =>
        EnqueueAsync(notification, channelIds: null, addresses: [], cancellationToken);

    /// <summary>Queues for the given channels (all of the workspace's when null) and addresses; returns the number of messages queued.</summary>
    public async Task<int> EnqueueAsync(Notification n, IReadOnlyCollection<string>? channelIds, IReadOnlyCollection<string> addresses, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeraldDb>();
        var query = db.Set<NotificationChannel>().AsNoTracking().Where(c => c.WorkspaceId == n.WorkspaceId);
        if (channelIds is not null)
        {
            query = query.Where(c => channelIds.Contains(c.Id));
        }
        var channels = await query.Select(c => c.Id).ToListAsync(ct);
        var now = time.GetUtcNow();
        var count = 0;
        foreach (var target in channels.Select(c => (Channel: (string?)c, Address: (string?)null))
                     .Concat(addresses.Distinct(StringComparer.OrdinalIgnoreCase).Select(a => (Channel: (string?)null, Address: (string?)a))))
        {
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                WorkspaceId = n.WorkspaceId,
                ChannelId = target.Channel,
                Recipient = target.Address,
                Kind = n.Kind,
                Title = n.Title,
                Body = n.Body,
                Link = n.Link,
                Status = OutboxStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
            count++;
        }
        if (count > 0)
        {
            await db.SaveChangesAsync(ct);
            signal.Wake();
        }
        return count;
    }
}
