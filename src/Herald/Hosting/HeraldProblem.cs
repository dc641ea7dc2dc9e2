namespace Herald;

/// <summary>An error the user can act on, answered as problem+json with its status code (and by the CLI as a message).</summary>
public sealed class HeraldProblem(int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
