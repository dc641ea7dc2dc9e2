using System.Security.Cryptography;
using System.Text;
using Herald.Data;
using Microsoft.EntityFrameworkCore;

namespace Herald.Teams;

/// <summary>Creates and checks personal API tokens. A token is shown once; only its SHA-256 hash is kept.</summary>
public sealed class ApiTokens(HeraldDb db, TimeProvider time)
{
    public const string Prefix = "hrd_";

    public async Task<(ApiToken Token, string Secret)> CreateAsync(string userId, string name, CancellationToken ct)
    {
        var secret = Prefix + Passwords.Generate(30);
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            TokenHash = Hash(secret),
            Prefix = secret[..8],
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    public async Task<User?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
        if (token is null)
        {
            return null;
        }
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, ct);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
