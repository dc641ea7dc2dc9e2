using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Herald.Notifications;

/// <summary>Sends e-mail through the SMTP server of the "Mail" section with MailKit; one connection per message.</summary>
internal sealed partial class SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Configured)
        {
            throw new MailNotConfiguredException();
        }
        using var message = Build(mail, o.From);
        using var smtp = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        var security = o.Security switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await smtp.ConnectAsync(o.Host!, o.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", cancellationToken);
        }
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
        // The password is never part of a log line; the recipients count is enough to follow what happened.
        LogSent(logger, mail.Subject, mail.To.Count, o.Host!);
    }

    internal static MimeMessage Build(OutgoingMail mail, string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var to in mail.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var a in mail.Attachments ?? [])
        {
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent mail \"{Subject}\" to {Count} recipient(s) through {Host}")]
    private static partial void LogSent(ILogger logger, string subject, int count, string host);
}

/// <summary>No SMTP server is configured (the "Mail:Host" setting is empty).</summary>
public sealed class MailNotConfiguredException() : InvalidOperationException("E-mail is not configured: set Mail:Host (e.g. Mail__Host=smtp.example.com).");
