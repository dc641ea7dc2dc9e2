using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Herald.Data;

/// <summary>Recognizes database errors that have a meaning for the caller, on both providers.</summary>
public static class DbErrors
{
    /// <summary>True when the write broke a unique index or primary key (PostgreSQL 23505; SQLite UNIQUE or PRIMARY KEY constraint),
    /// typically because a concurrent request inserted the same row first.</summary>
    public static bool IsUniqueViolation(Exception ex)
    {
        var inner = ex is DbUpdateException { InnerException: { } e } ? e : ex;
        return inner switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            _ => false,
        };
    }
}
