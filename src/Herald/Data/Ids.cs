namespace Herald.Data;

/// <summary>Identifiers are time-ordered UUIDv7 strings: sortable, portable across SQLite and PostgreSQL, readable in logs.</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("D");
}
