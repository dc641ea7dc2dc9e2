using System.Text.Json;
using Herald.Accounts;
using Herald.Analytics;
using Herald.Campaigns;
using Herald.Competitors;
using Herald.Contacts;
using Herald.Crisis;
using Herald.Curation;
using Herald.Data;
using Herald.Inbox;
using Herald.Links;
using Herald.Listening;
using Herald.Media;
using Herald.Networks.Bluesky;
using Herald.Networks.Mastodon;
using Herald.Networks.Sandbox;
using Herald.Networks.Webhook;
using Herald.Networks;
using Herald.Notifications;
using Herald.Publishing;
using Herald.Reports;
using Herald.Scheduling;
using Herald.Sentiment;
using Herald.Teams;
using Herald.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Herald.Hosting;

/// <summary>Herald's composition root: the web app and the CLI share it.</summary>
public static class HeraldApp
{
    public static Task<int> RunAsync(string[] args) => Cli.HeraldCli.RunAsync(args);

    /// <summary>Everything but the web surface: data, networks, publishing, scheduling. The CLI uses this alone.</summary>
    public static IServiceCollection AddHeraldCore(this IServiceCollection services, HeraldOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddHeraldData(options);
        // The key ring that encrypts network credentials lives in the data folder, readable by Herald's user only.
        var keys = Directory.CreateDirectory(options.KeyRingDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        services.AddDataProtection()
            .SetApplicationName("Herald")
            .PersistKeysToFileSystem(new DirectoryInfo(options.KeyRingDirectory));
        services.AddHttpContextAccessor();

        // Teams
        services.AddScoped<TeamService>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<WorkspaceAccess>();

        // Accounts and networks
        services.AddSingleton<CredentialVault>();
        services.AddScoped<AccountService>();
        services.AddSingleton<NetworkRegistry>();
        services.AddNetworks();

        // Publishing and scheduling
        services.AddSingleton<ITimeZoneSource, SystemTimeZones>();
        services.AddSingleton<WallClock>();
        services.AddScoped<QueuePlanner>();
        services.AddScoped<ScheduleRefresher>();
        services.AddScoped<PostComposer>();
        services.AddScoped<PostCommands>();
        services.AddScoped<PostQueries>();
        services.AddScoped<CsvImport>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<ConcurrencyBudget>();
        services.AddSingleton<RetryPolicy>();
        services.AddSingleton<DispatcherOptions>();
        services.AddSingleton<DispatcherSignal>();
        services.AddSingleton<DispatcherState>();
        services.AddSingleton<PublishRunner>();
        services.AddListening();
        services.AddSentiment();
        services.AddLinks();
        services.AddReports();
        services.AddAnalytics();
        services.AddCompetitors();
        services.AddCampaigns();
        services.AddInbox();
        return services;
    }

    /// <summary>The networks Herald can publish to; one connector each.</summary>
    private static IServiceCollection AddNetworks(this IServiceCollection services) => services
        .AddSandboxNetwork()
        .AddBlueskyNetwork()
        .AddMastodonNetwork()
        .AddWebhookNetwork();

    /// <summary>Builds the web application: pages, API, OpenAPI, health, dispatcher.</summary>
    public static WebApplication BuildWeb(string[] args, HeraldOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }
        builder.Services.AddHeraldCore(options);
        // Dispatcher tuning from configuration, e.g. Dispatcher__MaxInFlight=128 or Dispatcher__Lease=00:00:30.
        builder.Services.AddSingleton(_ =>
        {
            var dispatcher = new DispatcherOptions();
            builder.Configuration.GetSection("Dispatcher").Bind(dispatcher);
            return dispatcher;
        });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        builder.Services.AddSingleton<Dispatcher>();
        builder.Services.AddHostedService<ScheduleRefreshService>();
        builder.Services.AddListeningSources();
        builder.Services.Configure<JsonOptions>(o => HeraldJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemHandling>();
        builder.Services.AddAuthentication(TokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHeraldWeb();
        builder.Services.AddNotifications();
        builder.Services.AddCrisis();
        builder.Services.AddCuration();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Herald API";
            doc.Info.Description = "Publish, schedule and manage social media posts. Authenticate with 'Authorization: Bearer <token>' (./herald tokens create).";
            return Task.CompletedTask;
        }));
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapLinkEndpoints();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api", o => o.WithTitle("Herald API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapGet("/healthz", HealthAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapTeamEndpoints();
        app.MapAccountEndpoints();
        app.MapMediaEndpoints();
        app.MapPostEndpoints();
        app.MapReportEndpoints();
        app.MapMastodonOAuthEndpoints();
        app.MapSandboxEndpoints();
        app.MapSentimentEndpoints();
        app.MapNotificationEndpoints();
        app.MapCrisisEndpoints();
        app.MapListeningEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapCompetitorEndpoints();
        app.MapCampaignEndpoints();
        app.MapCurationEndpoints();
        app.MapInboxEndpoints();
        app.MapContactEndpoints();
        app.MapHeraldWeb();
        return app;
    }

    private static async Task<IResult> HealthAsync(IDbConnectionFactory connections, DispatcherState dispatcher, DispatcherOptions options, CancellationToken ct)
    {
        string database;
        var healthy = true;
        try
        {
            await using var c = await connections.OpenAsync(ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT 1";
            await cmd.ExecuteScalarAsync(ct);
            database = "ok";
        }
        catch (Exception ex)
        {
            database = "error: " + ex.GetType().Name;
            healthy = false;
        }
        var worker = !options.Enabled ? "disabled" : dispatcher.Running ? "running" : "stopped";
        healthy &= !options.Enabled || dispatcher.Running;
        var body = new
        {
            status = healthy ? "ok" : "degraded",
            database = new { kind = connections.Kind.ToString().ToLowerInvariant(), state = database },
            dispatcher = new { state = worker, dispatcher.Worker, dispatcher.LastCycleAt, dispatcher.NextDueAt, dispatcher.Published, dispatcher.Completed },
        };
        return Results.Json(body, HeraldJson.Options, statusCode: healthy ? 200 : 503);
    }

    internal static JsonSerializerOptions Json => HeraldJson.Options;
}
