using Herald.Data;
using Herald.Networks;
using Herald.Teams;

namespace Herald.Notifications;

/// <summary>/api/v1/notifications: channels (list, add, test, remove) and the outbox's recent messages.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").RequireAuthorization().WithTags("Notifications");

        api.MapGet("/channels", async (WorkspaceAccess access, ChannelService channels, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Viewer, null, ct);
            return (await channels.ListAsync(ws.WorkspaceId, ct)).Select(c => ChannelDto.From(c));
        });

        api.MapPost("/channels", async (AddChannel body, WorkspaceAccess access, ChannelService channels, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Admin, null, ct);
            var channel = await channels.AddAsync(ws.WorkspaceId, ws.UserId, body, ct);
            return Results.Created($"/api/v1/notifications/channels/{channel.Id}", channel);
        });

        api.MapPost("/channels/{id}/test", async (string id, WorkspaceAccess access, ChannelService channels, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Admin, null, ct);
            return Results.Accepted(null, await channels.TestAsync(ws.WorkspaceId, id, ct));
        });

        api.MapDelete("/channels/{id}", async (string id, WorkspaceAccess access, ChannelService channels, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Admin, null, ct);
            await channels.RemoveAsync(ws.WorkspaceId, id, ct);
            return Results.NoContent();
        });

        api.MapGet("/outbox", async (WorkspaceAccess access, ChannelService channels, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Admin, null, ct);
            return (await channels.RecentAsync(ws.WorkspaceId, 100, ct)).Select(OutboxDto.From);
        });
        return app;
    }

    /// <summary>Registers mail, channels, the outbox and its worker.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.AddOptions<NotificationOptions>().BindConfiguration("Notifications");
        services.AddNetworkOptions();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<INotifier>(sp => sp.GetRequiredService<NotificationQueue>());
        services.AddScoped<ChannelService>();
        services.AddScoped<OutboxSender>();
        services.AddHttpClient<WebhookSender>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(AddressGuard.CreateHandler);
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        return services;
    }
}
