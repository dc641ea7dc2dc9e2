using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Herald.Accounts;
using Herald.Data;
using Herald.Networks;

namespace Herald.Scheduling;

/// <summary>What the dispatcher needs of an account, cached for a few seconds so a burst of deliveries reads it once.</summary>
public sealed record AccountSnapshot(
    string Id, string WorkspaceId, string Network, string? Handle, string? RemoteId, string? ServiceUrl,
    string Status, NetworkRules Rules, string? ProtectedCredentials);

/// <summary>Reads accounts for the dispatcher, and stores refreshed credentials encrypted.</summary>
public sealed class AccountDirectory(IDbConnectionFactory connections, NetworkRegistry networks, CredentialVault vault, DeliveryStore store, TimeProvider time)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (AccountSnapshot Account, DateTimeOffset Until)> _cache = new();

    public async Task<AccountSnapshot?> GetAsync(string accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var hit) && hit.Until > now)
        {
            return hit.Account;
        }
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, workspace_id AS WorkspaceId, network AS Network, handle AS Handle, remote_id AS RemoteId,
                   service_url AS ServiceUrl, status AS Status, rules_json AS RulesJson, protected_credentials AS ProtectedCredentials
            FROM accounts WHERE id = @id
            """, new { id = accountId }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }
        var rules = row.RulesJson is { Length: > 0 }
            ? JsonSerializer.Deserialize<NetworkRules>(row.RulesJson, HeraldJson.Options)!
            : networks.Find(row.Network)?.DefaultRules ?? new NetworkRules();
        var snapshot = new AccountSnapshot(row.Id, row.WorkspaceId, row.Network, row.Handle, row.RemoteId, row.ServiceUrl, row.Status, rules, row.ProtectedCredentials);
        _cache[accountId] = (snapshot, now + Ttl);
        return snapshot;
    }

    public void Forget(string accountId)
    {
        _cache.TryRemove(accountId, out _);
        _decrypted.TryRemove(accountId, out _);
    }

    // Decrypted once per version of the stored credentials, not once per delivery.
    private readonly ConcurrentDictionary<string, (string Protected, string Json)> _decrypted = new();

    private string Decrypted(AccountSnapshot account)
    {
        if (account.ProtectedCredentials is null)
        {
            return "{}";
        }
        if (_decrypted.TryGetValue(account.Id, out var hit) && hit.Protected == account.ProtectedCredentials)
        {
            return hit.Json;
        }
        var json = vault.Unprotect(account.ProtectedCredentials);
        _decrypted[account.Id] = (account.ProtectedCredentials, json);
        return json;
    }

    /// <summary>Builds the context a connector acts in; refreshed credentials are encrypted and saved at once.</summary>
    public PublishContext ContextFor(AccountSnapshot account)
    {
        var context = new PublishContext
        {
            AccountId = account.Id,
            WorkspaceId = account.WorkspaceId,
            Handle = account.Handle,
            RemoteId = account.RemoteId,
            ServiceUrl = account.ServiceUrl,
            Rules = account.Rules,
            CredentialsJson = Decrypted(account),
            SaveCredentialsAsync = async (json, expiresAt, ct) =>
            {
                await store.SaveCredentialsAsync(account.Id, vault.Protect(json), expiresAt, ct);
                Forget(account.Id);
            },
        };
        return context;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string WorkspaceId { get; set; } = "";
        public string Network { get; set; } = "";
        public string? Handle { get; set; }
        public string? RemoteId { get; set; }
        public string? ServiceUrl { get; set; }
        public string Status { get; set; } = "";
        public string? RulesJson { get; set; }
        public string? ProtectedCredentials { get; set; }
    }
}
