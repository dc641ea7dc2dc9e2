namespace Herald.Listening;

/// <summary>The last few thousand posts seen from every source, kept in memory so a query being written can be previewed on them.</summary>
internal sealed class RecentPosts
{
    public const int Capacity = 10_000;
    private readonly IncomingPost?[] _ring = new IncomingPost?[Capacity];
    private readonly Lock _lock = new();
    private long _next;

    public void Add(IncomingPost post)
    {
        lock (_lock)
        {
            _ring[_next++ % Capacity] = post;
        }
    }

    /// <summary>Newest first.</summary>
    public List<IncomingPost> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<IncomingPost>((int)Math.Min(_next, Capacity));
            for (var i = _next - 1; i >= 0 && i >= _next - Capacity; i--)
            {
                list.Add(_ring[i % Capacity]!);
            }
            return list;
        }
    }
}
