using Herald.Networks.Mastodon;
using Herald.Networks.Sandbox;

namespace Herald.Inbox;

/// <summary>Registers ingestion (one source per network), the background poller and the inbox's use cases.</summary>
public static class InboxServices
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = new InboxOptions();
            sp.GetService<IConfiguration>()?.GetSection("Inbox").Bind(options);
            return options;
        });
        services.AddSingleton<IInboxSource, SandboxInboxSource>();
        services.AddSingleton<IInboxSource, MastodonInboxSource>();
        services.AddSingleton<IInboxSource, Networks.Bluesky.BlueskyInboxSource>();
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<InboxIngestor>();
        services.AddHostedService<InboxPoller>();
        services.AddScoped<InboxQueries>();
        services.AddScoped<InboxCommands>();
        services.AddScoped<InboxReplies>();
        services.AddScoped<SavedReplies>();
        services.AddScoped<Contacts.ContactService>();
        return services;
    }
}
