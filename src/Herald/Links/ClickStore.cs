using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Herald.Data;
using Npgsql;
using NpgsqlTypes;

namespace Herald.Links;

/// <summary>Writes clicks in batches (PostgreSQL one INSERT … SELECT FROM unnest; SQLite one prepared insert in a transaction) and keeps the daily salts.</summary>
public sealed class ClickStore(IDbConnectionFactory connections)
{
    private readonly ConcurrentDictionary<int, byte[]> _salts = new();

    public static int DayOf(DateTimeOffset at) => (int)(at.ToUnixTimeMilliseconds() / 86_400_000);

    public async Task InsertAsync(IReadOnlyList<ClickEvent> clicks, CancellationToken ct)
    {
        if (clicks.Count == 0)
        {
            return;
        }
        await using var c = await connections.OpenRelaxedAsync(ct);
        var visitors = new string[clicks.Count];
        for (var i = 0; i < clicks.Count; i++)
        {
            visitors[i] = VisitorKey(await SaltAsync(c, DayOf(clicks[i].At), ct), clicks[i].Ip, clicks[i].UserAgent);
        }
        if (c is NpgsqlConnection pg)
        {
            // One statement in its own implicit transaction: one round trip per batch. Group commit makes batches small (one
            // per redirect in flight), where COPY's extra round trips cost more than they save. The relaxed connection's
            // commit does not wait for the WAL flush (see IDbConnectionFactory.OpenRelaxedAsync): once it returns the clicks
            // are in PostgreSQL, so a crash of Herald loses none, and the fsync (tens of ms on a busy disk) is off every redirect.
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO link_click (id, link_id, at, day, visitor, filtered, reason)
                SELECT * FROM unnest(@ids, @links, @ats, @days, @visitors, @filtered, @reasons)
                """, pg);
            insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = clicks.Select(k => k.Id).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("links", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = clicks.Select(k => k.LinkId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = clicks.Select(k => k.At.ToUnixTimeMilliseconds()).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = clicks.Select(k => DayOf(k.At)).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("visitors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = visitors });
            insert.Parameters.Add(new NpgsqlParameter("filtered", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = clicks.Select(k => k.Reason is not null).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = clicks.Select(k => k.Reason).ToArray() });
            await insert.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var tx = await c.BeginTransactionAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO link_click (id, link_id, at, day, visitor, filtered, reason) VALUES ($id, $link, $at, $day, $visitor, $filtered, $reason)";
        var p = new[] { "$id", "$link", "$at", "$day", "$visitor", "$filtered", "$reason" }.Select(n =>
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = n;
            cmd.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await cmd.PrepareAsync(ct);
        for (var i = 0; i < clicks.Count; i++)
        {
            var k = clicks[i];
            p[0].Value = k.Id;
            p[1].Value = k.LinkId;
            p[2].Value = k.At.ToUnixTimeMilliseconds();
            p[3].Value = DayOf(k.At);
            p[4].Value = visitors[i];
            p[5].Value = k.Reason is not null;
            p[6].Value = (object?)k.Reason ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Hex of the first 16 bytes of SHA-256(salt ‖ IP ‖ user agent): the same visitor within one day, unlinkable across days.</summary>
    internal static string VisitorKey(byte[] salt, string? ip, string? userAgent)
    {
        var input = Encoding.UTF8.GetBytes((ip ?? "") + "\n" + (userAgent ?? ""));
        var buffer = new byte[salt.Length + input.Length];
        salt.CopyTo(buffer, 0);
        input.CopyTo(buffer, salt.Length);
        return Convert.ToHexStringLower(SHA256.HashData(buffer).AsSpan(0, 16));
    }

    private async ValueTask<byte[]> SaltAsync(DbConnection c, int day, CancellationToken ct)
    {
        if (_salts.TryGetValue(day, out var salt))
        {
            return salt;
        }
        // Every process on one database shares the day's salt (first writer wins); salts older than yesterday are deleted.
        var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await c.ExecuteAsync(new CommandDefinition("INSERT INTO link_salt (day, salt) VALUES (@day, @fresh) ON CONFLICT (day) DO NOTHING", new { day, fresh }, cancellationToken: ct));
        var stored = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT salt FROM link_salt WHERE day = @day", new { day }, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM link_salt WHERE day < @old", new { old = day - 1 }, cancellationToken: ct));
        foreach (var old in _salts.Keys.Where(d => d < day - 1))
        {
            _salts.TryRemove(old, out _);
        }
        salt = Convert.FromBase64String(stored!);
        _salts[day] = salt;
        return salt;
    }
}
