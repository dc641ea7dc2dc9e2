using Microsoft.AspNetCore.DataProtection;

namespace Herald.Accounts;

/// <summary>Encrypts network credentials at rest with ASP.NET Core Data Protection (key ring in the data folder).</summary>
public sealed class CredentialVault(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Herald.Accounts.Credentials.v1");

    public string Protect(string credentialsJson) => _protector.Protect(credentialsJson);

    public string Unprotect(string protectedCredentials) => _protector.Unprotect(protectedCredentials);
}
