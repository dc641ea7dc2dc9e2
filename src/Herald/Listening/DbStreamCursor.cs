using Dapper;
using Herald.Data;
using Herald.Listening.Sources.Bluesky;

namespace Herald.Listening;

/// <summary>Stream cursors in the listening_cursors table, so a restarted Herald resumes each stream where it stopped.</summary>
internal sealed class DbStreamCursor(IDbConnectionFactory connections) : IStreamCursor
{
    public async Task<long?> LoadAsync(string stream, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT position FROM listening_cursors WHERE stream = @stream", new { stream }, cancellationToken: ct));
    }

    public async Task SaveAsync(string stream, long seq, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO listening_cursors (stream, position) VALUES (@stream, @seq)
            ON CONFLICT (stream) DO UPDATE SET position = excluded.position
            """, new { stream, seq }, cancellationToken: ct));
    }
}
