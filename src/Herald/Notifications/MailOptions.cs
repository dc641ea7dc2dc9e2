namespace Herald.Notifications;

/// <summary>How Herald connects to its SMTP server (configuration section "Mail", e.g. Mail__Host=smtp.example.com).</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>The sender, e.g. "Herald &lt;herald@example.com&gt;".</summary>
    public string From { get; set; } = "Herald <herald@localhost>";
    public string? UserName { get; set; }
    /// <summary>Never logged, never shown.</summary>
    public string? Password { get; set; }
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>How the SMTP connection is secured.</summary>
public enum MailSecurity
{
    /// <summary>Plain text (a relay on localhost).</summary>
    None,
    /// <summary>Upgrade with STARTTLS; refuse the server if it cannot.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
