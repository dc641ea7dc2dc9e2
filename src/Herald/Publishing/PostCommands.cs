using Herald.Accounts;
using Herald.Data;
using Herald.Networks;
using Herald.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Herald.Publishing;

/// <summary>Cancel, retry, duplicate and delete: what a manager does to a post after writing it.</summary>
public sealed class PostCommands(HeraldDb db, NetworkRegistry networks, AccountDirectory directory, DispatcherSignal signal, TimeProvider time)
{
    private static readonly DeliveryStatus[] Cancellable = [DeliveryStatus.Draft, DeliveryStatus.Scheduled, DeliveryStatus.Retrying, DeliveryStatus.Held];

    /// <summary>Cancels every delivery not yet sent; those already sent or being sent are left as they are and reported.</summary>
    public async Task<int> CancelAsync(string postId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Deliveries.Where(d => d.PostId == postId && Cancellable.Contains(d.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled).SetProperty(d => d.UpdatedAt, now), ct);
    }

    /// <summary>Sends failed (or held, or cancelled) deliveries again now, with a fresh retry budget.</summary>
    public async Task<int> RetryAsync(string postId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var count = await db.Deliveries
            .Where(d => d.PostId == postId && (d.Status == DeliveryStatus.Failed || d.Status == DeliveryStatus.Cancelled || d.Status == DeliveryStatus.Held)
                && db.Accounts.Any(a => a.Id == d.AccountId && a.Status == AccountStatus.Active))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Scheduled)
                .SetProperty(d => d.DueAt, now)
                .SetProperty(d => d.AttemptCount, 0)
                .SetProperty(d => d.Error, (string?)null)
                .SetProperty(d => d.ErrorCategory, (string?)null)
                .SetProperty(d => d.UpdatedAt, now), ct);
        signal.Wake();
        return count;
    }

    /// <summary>A new draft with the same text, variants, media and accounts.</summary>
    public async Task<Post> DuplicateAsync(Post source, string authorId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var copy = new Post
        {
            WorkspaceId = source.WorkspaceId,
            AuthorId = authorId,
            Text = source.Text,
            Kind = ScheduleKind.Draft,
            SplitIntoThread = source.SplitIntoThread,
            MediaIdsJson = source.MediaIdsJson,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var d in source.Deliveries)
        {
            var parts = DeliveryPart.Read(d.PartsJson);
            copy.Deliveries.Add(new Delivery
            {
                PostId = copy.Id,
                AccountId = d.AccountId,
                WorkspaceId = d.WorkspaceId,
                Network = d.Network,
                Status = DeliveryStatus.Draft,
                VariantText = d.VariantText,
                VariantMediaIdsJson = d.VariantMediaIdsJson,
                PartsJson = DeliveryPart.Write(parts.Select(p => new DeliveryPart { Index = p.Index, Text = p.Text, MediaIds = p.MediaIds, CreatedAt = now })),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        db.Posts.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    /// <summary>Deletes a post from Herald, and with <paramref name="fromNetworks"/> also from every network it was published on.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(Post post, bool fromNetworks, CancellationToken ct)
    {
        if (post.Deliveries.Any(d => d.Status is DeliveryStatus.Publishing or DeliveryStatus.Unknown))
        {
            throw new HeraldProblem(409, "Being published", "This post is being published right now; try again in a moment.");
        }
        var problems = new List<string>();
        if (fromNetworks)
        {
            foreach (var d in post.Deliveries.Where(d => d.Status == DeliveryStatus.Published || d.RemoteId is not null))
            {
                var account = await directory.GetAsync(d.AccountId, ct);
                var connector = account is null ? null : networks.Find(account.Network);
                if (account is null || connector is null || account.Status != "Active")
                {
                    problems.Add($"{d.AccountId}: the account is not connected; the post stays on the network.");
                    continue;
                }
                var context = directory.ContextFor(account);
                // Delete a thread from its last part up, so no orphan reply is left pointing at a deleted post.
                foreach (var part in DeliveryPart.Read(d.PartsJson).Where(p => p.RemoteId is not null).OrderByDescending(p => p.Index))
                {
                    var result = await connector.DeleteAsync(context, part.RemoteId!, ct);
                    if (!result.Ok)
                    {
                        problems.Add($"{d.AccountId}: {result.Failure!.Message}");
                    }
                }
            }
            if (problems.Count > 0)
            {
                throw new HeraldProblem(502, "Not deleted everywhere", string.Join(" ", problems) + " The post was kept in Herald; try again.");
            }
        }
        await db.Deliveries.Where(d => d.PostId == post.Id).ExecuteDeleteAsync(ct);
        await db.Posts.Where(p => p.Id == post.Id).ExecuteDeleteAsync(ct);
        return problems;
    }
}
