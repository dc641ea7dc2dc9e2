using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Herald.Notifications;
using MimeKit;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 for tests: Debian's aiosmtpd (<c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c
/// aiosmtpd.handlers.Mailbox MAILDIR</c>, installed by scripts/install-test-deps.sh), which stores every message it accepts
/// in a Maildir (one file per message in MAILDIR/new). Messages are read back and parsed with MimeKit; aiosmtpd adds
/// <c>X-MailFrom</c> and <c>X-RcptTo</c> headers with the SMTP envelope.
/// </summary>
/// <example>
/// <code>
/// await using var smtp = await SmtpServer.StartAsync();
/// await using var herald = await HeraldInstance.StartAsync(services: smtp.Configure);
/// // … make Herald send something …
/// var mail = await smtp.WaitForMessageAsync(m => m.To.ToString().Contains("ops@example.test"));
/// Assert.Equal("Crisis alert", mail.Subject);
/// </code>
/// Or share one server across a test class with <c>IClassFixture&lt;SmtpServer&gt;</c> (it starts in InitializeAsync);
/// tests then tell their messages apart by recipient.
/// </example>
public sealed class SmtpServer : IAsyncLifetime, IAsyncDisposable
{
    private Process? _process;
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "herald-smtp-" + Guid.NewGuid().ToString("N"));

    public string Host => "127.0.0.1";
    public int Port { get; private set; }

    /// <summary>Starts a server on a free port and waits until it accepts connections.</summary>
    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer();
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        Port = FreePort();
        var info = new ProcessStartInfo(Python(), ["-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Real time bounds the start-up; it is not a schedule.
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}; is python3-aiosmtpd installed (scripts/install-test-deps.sh)?");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Points Herald's mail at this server (plain SMTP, no authentication); pass as HeraldInstance's services callback.</summary>
    public void Configure(IServiceCollection services) => services.Configure<MailOptions>(o =>
    {
        o.Host = Host;
        o.Port = Port;
        o.Security = MailSecurity.None;
        o.From = "Herald <herald@example.test>";
    });

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return Directory.GetFiles(folder)
            .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
            .OrderBy(f => f.Time).ThenBy(f => f.File, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f.File)).ToList();
    }

    /// <summary>Messages whose envelope (X-RcptTo) or To header names <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => Recipients(m).Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>The envelope recipients aiosmtpd recorded, and the To addresses.</summary>
    public static IReadOnlyList<string> Recipients(MimeMessage message) =>
        (message.Headers["X-RcptTo"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Concat(message.To.Mailboxes.Select(m => m.Address)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Polls (real time, bounded) until a message matches.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(20)).TotalMilliseconds;
        while (true)
        {
            var found = Messages().FirstOrDefault(m => match?.Invoke(m) ?? true);
            if (found is not null)
            {
                return found;
            }
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"No matching e-mail arrived; {Messages().Count} message(s) in {_maildir}.");
            }
            await Task.Delay(50);
        }
    }

    private static string Python() =>
        // pyenv or a venv may shadow the system python, which is the one with Debian's python3-aiosmtpd.
        File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
