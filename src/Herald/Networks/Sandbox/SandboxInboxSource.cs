using Herald.Inbox;

namespace Herald.Networks.Sandbox;

/// <summary>Reads the Sandbox's event feed for the inbox: replies, mentions and quotes become items; likes, reposts and follows are counted.</summary>
internal sealed class SandboxInboxSource(IServiceScopeFactory scopes) : IInboxSource
{
    public const string Events = "events";
    private const int PageSize = SandboxFeed.MaxLimit;

    public string Network => SandboxConnector.Key;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Sources { get; } = [Events];

    public async Task<NetworkResult<InboxPage>> FetchAsync(PublishContext account, string source, string? cursor, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var feed = scope.ServiceProvider.GetRequiredService<SandboxFeed>();
            SandboxCursor? after = SandboxCursor.TryParse(cursor, out var parsed) ? parsed : null;
            var events = await feed.ListEventsAsync(account.AccountId, after, PageSize, ct);
            if (events.Count == 0)
            {
                return NetworkResult<InboxPage>.Success(InboxPage.Empty(cursor));
            }
            var items = new List<IncomingItem>();
            var engagements = new List<IncomingEngagement>();
            foreach (var e in events)
            {
                var author = new IncomingAuthor(e.AuthorHandle, e.AuthorName);
                switch (e.Kind)
                {
                    case SandboxEventKinds.Reply or SandboxEventKinds.Mention or SandboxEventKinds.Quote:
                        var kind = e.Kind == SandboxEventKinds.Reply ? InboxKind.Reply : e.Kind == SandboxEventKinds.Quote ? InboxKind.Quote : InboxKind.Mention;
                        items.Add(new IncomingItem(kind, e.Id, author, e.Text ?? "", e.OccursAt,
                            ConversationKey: e.PostId ?? e.Id,
                            Url: e.PostId is null ? null : SandboxConnector.UrlOf(e.PostId),
                            ParentRemoteId: e.PostId,
                            RootRemoteId: e.PostId,
                            Language: e.Lang));
                        break;
                    default:
                        engagements.Add(new IncomingEngagement(e.Kind, e.Id, author, e.PostId, e.OccursAt));
                        break;
                }
            }
            return NetworkResult<InboxPage>.Success(new InboxPage(items, engagements, SandboxCursor.After(events[^1]).ToString(), events.Count == PageSize));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new NetworkFailure(FailureKind.Transient, $"Sandbox feed failed: {ex.Message}");
        }
    }

    /// <summary>The Sandbox's simulated people do not notice likes: nothing to send.</summary>
    public Task<NetworkResult<bool>> LikeAsync(PublishContext account, string remoteId, string? cid, CancellationToken ct) =>
        Task.FromResult(NetworkResult<bool>.Success(true));
}
