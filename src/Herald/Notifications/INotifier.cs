namespace Herald.Notifications;

/// <summary>Something a workspace's people should hear about: a crisis alert, a listening spike, a report.</summary>
/// <param name="WorkspaceId">The workspace whose notification channels (e-mail, Slack-compatible webhooks) receive it.</param>
/// <param name="Kind">A stable machine name, e.g. "crisis.alert", "listening.spike", "report.ready".</param>
/// <param name="Title">One line, plain text.</param>
/// <param name="Body">Plain text.</param>
/// <param name="Link">An absolute or root-relative link to the page that explains it, if any.</param>
public sealed record Notification(string WorkspaceId, string Kind, string Title, string Body, string? Link = null);

/// <summary>Delivers notifications through the workspace's channels, durably (queued, retried with backoff).</summary>
/// <remarks>Capabilities that raise notifications take <c>IEnumerable&lt;INotifier&gt;</c>, so they build and run before the Notifications capability is registered.</remarks>
public interface INotifier
{
    Task NotifyAsync(Notification notification, CancellationToken cancellationToken);
}
