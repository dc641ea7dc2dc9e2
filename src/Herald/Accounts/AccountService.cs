using System.Text.Json;
using Herald.Data;
using Herald.Networks;
using Herald.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Herald.Accounts;

/// <summary>Connect, reconnect and disconnect accounts. Credentials are checked against the network, then stored encrypted.</summary>
public sealed class AccountService(HeraldDb db, NetworkRegistry networks, CredentialVault vault, DispatcherSignal signal, TimeProvider time, ILogger<AccountService> log)
{
    public async Task<Account> ConnectAsync(string workspaceId, JsonElement request, CancellationToken ct)
    {
        var network = request.TryGetProperty("network", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        var connector = networks.Find(network)
            ?? throw new HeraldProblem(422, "Unknown network", $"'{network}' is not a network Herald knows. Known: {string.Join(", ", networks.Networks.Order())}.");
        var result = await connector.ConnectAsync(request, ct);
        if (!result.Ok)
        {
            throw ConnectProblem(network, result.Failure!);
        }
        var connected = result.Value!;
        var timeZone = request.TryGetProperty("timeZone", out var tz) && tz.ValueKind == JsonValueKind.String
            ? TimeZones.Require(tz.GetString()!)
            : await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.TimeZone).FirstAsync(ct);
        var account = new Account
        {
            WorkspaceId = workspaceId,
            Network = connector.Network,
            Name = request.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString())
                ? name.GetString()!.Trim()
                : connected.Name,
            Status = AccountStatus.Active,
            TimeZone = timeZone,
            CreatedAt = time.GetUtcNow(),
        };
        Apply(account, connected);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Connected {Network} account {AccountId} ({Handle})", account.Network, account.Id, account.Handle);
        return account;
    }

    /// <summary>Checks new credentials for an existing account and releases the deliveries held while it was disconnected.</summary>
    public async Task<Account> ReconnectAsync(Account account, JsonElement request, CancellationToken ct)
    {
        var connector = networks.Get(account.Network);
        var result = await connector.ConnectAsync(request, ct);
        if (!result.Ok)
        {
            throw ConnectProblem(account.Network, result.Failure!);
        }
        if (account.RemoteId is not null && result.Value!.RemoteId is not null && account.RemoteId != result.Value.RemoteId)
        {
            throw new HeraldProblem(422, "Different account", "These credentials belong to another account than the one being reconnected.");
        }
        Apply(account, result.Value!);
        account.Status = AccountStatus.Active;
        account.LastError = null;
        await db.SaveChangesAsync(ct);
        var now = time.GetUtcNow();
        await db.Deliveries
            // Posts held by crisis mode stay held until crisis mode is turned off (or they are reviewed).
            .Where(d => d.AccountId == account.Id && d.Status == DeliveryStatus.Held
                && d.ErrorCategory != Crisis.CrisisMode.HeldCategory && d.ErrorCategory != Crisis.CrisisMode.MissedCategory)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Scheduled).SetProperty(d => d.Error, (string?)null)
                .SetProperty(d => d.ErrorCategory, (string?)null).SetProperty(d => d.UpdatedAt, now), ct);
        signal.Wake();
        return account;
    }

    /// <summary>Disconnects: credentials are erased and scheduled deliveries are held (not lost) until a reconnect.</summary>
    public async Task DisconnectAsync(Account account, CancellationToken ct)
    {
        account.Status = AccountStatus.Disconnected;
        account.ProtectedCredentials = null;
        await db.SaveChangesAsync(ct);
        var now = time.GetUtcNow();
        await db.Deliveries
            .Where(d => d.AccountId == account.Id && (d.Status == DeliveryStatus.Scheduled || d.Status == DeliveryStatus.Retrying))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Held).SetProperty(d => d.UpdatedAt, now), ct);
    }

    private void Apply(Account account, ConnectedAccount connected)
    {
        account.Handle = connected.Handle;
        account.RemoteId = connected.RemoteId;
        account.ServiceUrl = connected.ServiceUrl;
        account.ProtectedCredentials = vault.Protect(connected.CredentialsJson);
        account.RulesJson = connected.Rules is null ? null : JsonSerializer.Serialize(connected.Rules, HeraldJson.Options);
        account.TokenExpiresAt = connected.TokenExpiresAt;
        account.LastSuccessAt = time.GetUtcNow();
    }

    private static HeraldProblem ConnectProblem(string network, NetworkFailure failure) => failure.Kind switch
    {
        FailureKind.AuthExpired => new HeraldProblem(422, "Bad credentials", $"{Title(network)} refused these credentials: {failure.Message}"),
        FailureKind.InvalidContent or FailureKind.Permanent => new HeraldProblem(422, "Cannot connect", $"{Title(network)}: {failure.Message}"),
        FailureKind.RateLimited => new HeraldProblem(429, "Rate limited", $"{Title(network)} asks to wait before trying again: {failure.Message}",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = failure.RetryAfter?.TotalSeconds }),
        _ => new HeraldProblem(502, "Network unreachable", $"Could not reach {Title(network)}: {failure.Message}"),
    };

    private static string Title(string network) => Publishing.PostValidator.Name(network);
}
