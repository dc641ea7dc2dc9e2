namespace Herald.Notifications;

/// <summary>One e-mail to send.</summary>
public sealed record OutgoingMail(IReadOnlyList<string> To, string Subject, string TextBody, string? HtmlBody = null, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file attached to an e-mail (a PDF report, a CSV export).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends e-mail through the configured SMTP server ("Mail" configuration section).</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
