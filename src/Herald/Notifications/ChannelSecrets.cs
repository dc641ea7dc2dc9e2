using Microsoft.AspNetCore.DataProtection;

namespace Herald.Notifications;

/// <summary>Encrypts webhook URLs and signing secrets at rest, with the key ring that protects account credentials.</summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Herald.Notifications.Channels.v1");

    public string Protect(string value) => _protector.Protect(value);

    public string Unprotect(string value) => _protector.Unprotect(value);
}
