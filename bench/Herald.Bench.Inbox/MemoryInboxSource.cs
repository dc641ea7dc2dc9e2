using System.Collections.Concurrent;
using System.Globalization;
using Herald.Inbox;
using Herald.Networks;

/// <summary>
/// The benchmark's network: Bluesky accounts whose notifications are pages generated in memory, read from the cursor the
/// ingestor stored ("cursor-N" is the N-th page; none, the first). Polled once per run (a one-hour interval), so a later
/// round does not call the warm-up's accounts again.
/// </summary>
internal sealed class MemoryInboxSource : IInboxSource
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<InboxPage>> _pages = new();
    private readonly ConcurrentDictionary<string, int> _read = new();
    private long _pagesRead;

    public string Network => "bluesky";

    public TimeSpan PollInterval => TimeSpan.FromHours(1);

    public IReadOnlyList<string> Sources { get; } = ["notifications"];

    public long PagesRead => Interlocked.Read(ref _pagesRead);

    /// <summary>Gives each account its pages (the last one says there is no more).</summary>
    public void Serve(IEnumerable<(string AccountId, List<InboxPage> Pages)> work)
    {
        foreach (var (account, pages) in work)
        {
            _pages[account] = [.. pages.Select((p, i) => p with { Cursor = $"cursor-{i + 1}", More = i < pages.Count - 1 })];
            _read[account] = 0;
        }
    }

    /// <summary>Pages served that the poller has not read yet.</summary>
    public int Unread() => _pages.Sum(p => p.Value.Count - _read.GetValueOrDefault(p.Key));

    public Task<NetworkResult<InboxPage>> FetchAsync(PublishContext account, string source, string? cursor, CancellationToken ct)
    {
        if (!_pages.TryGetValue(account.AccountId, out var pages))
        {
            return Task.FromResult(NetworkResult<InboxPage>.Success(InboxPage.Empty(cursor)));
        }
        var next = cursor is null ? 0 : int.Parse(cursor.AsSpan("cursor-".Length), CultureInfo.InvariantCulture);
        if (next >= pages.Count)
        {
            return Task.FromResult(NetworkResult<InboxPage>.Success(InboxPage.Empty(cursor)));
        }
        _read.AddOrUpdate(account.AccountId, 1, (_, n) => Math.Max(n, next + 1));
        Interlocked.Increment(ref _pagesRead);
        return Task.FromResult(NetworkResult<InboxPage>.Success(pages[next]));
    }

    public Task<NetworkResult<bool>> LikeAsync(PublishContext account, string remoteId, string? cid, CancellationToken ct) =>
        Task.FromResult<NetworkResult<bool>>(new NetworkFailure(FailureKind.Permanent, "The benchmark's network does not like."));
}
