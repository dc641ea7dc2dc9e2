namespace Herald.Listening.Query;

/// <summary>A mistake in a listening query, with the 0-based offset where it was found.</summary>
public sealed class QuerySyntaxException(int position, string reason) : Exception($"{reason} at {position}")
{
    /// <summary>0-based offset in the query text.</summary>
    public int Position { get; } = position;

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = reason;
}
