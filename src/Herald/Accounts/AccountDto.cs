using System.Text.Json;
using Herald.Data;
using Herald.Networks;

namespace Herald.Accounts;

/// <summary>An account as the API shows it: never its credentials.</summary>
public sealed record AccountDto(
    string Id,
    string WorkspaceId,
    string Network,
    string Name,
    string? Handle,
    string? RemoteId,
    string? ServiceUrl,
    string Status,
    string TimeZone,
    bool Simulated,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? TokenExpiresAt,
    DateTimeOffset? RateLimitedUntil,
    NetworkRules Rules,
    DateTimeOffset CreatedAt)
{
    public static AccountDto From(Account a, NetworkRules rules) => new(
        a.Id, a.WorkspaceId, a.Network, a.Name, a.Handle, a.RemoteId, a.ServiceUrl,
        JsonNamingPolicy.SnakeCaseLower.ConvertName(a.Status.ToString()), a.TimeZone, a.Network == "sandbox",
        a.LastSuccessAt, a.LastError, a.TokenExpiresAt, a.RateLimitedUntil, rules, a.CreatedAt);
}

/// <summary>Reads an account's stored rules, falling back to its network's defaults.</summary>
public static class AccountRules
{
    public static NetworkRules For(Account account, NetworkRegistry networks)
    {
        if (!string.IsNullOrEmpty(account.RulesJson))
        {
            var stored = JsonSerializer.Deserialize<NetworkRules>(account.RulesJson, HeraldJson.Options);
            if (stored is not null)
            {
                return stored;
            }
        }
        return networks.Find(account.Network)?.DefaultRules ?? new NetworkRules();
    }
}
