using System.Security.Cryptography;
using Herald.Data;
using Microsoft.AspNetCore.Identity;

namespace Herald.Teams;

/// <summary>Password hashing (ASP.NET Core Identity's PBKDF2 hasher) and generated secrets.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>A random, URL-safe secret of the given number of bytes.</summary>
    public static string Generate(int bytes = 18) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Problem(string password) =>
        password.Length < 10 ? "The password must have at least 10 characters." : null;
}
