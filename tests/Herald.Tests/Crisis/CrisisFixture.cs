using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Crisis;
using Herald.Notifications;
using Herald.Sentiment;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Crisis;

/// <summary>Intent methods shared by the crisis tests: record signals, evaluate rules, read alerts.</summary>
internal static class CrisisSteps
{
    /// <summary>Starts Herald on a fake clock with fast real-time polling of the outbox and the crisis worker.</summary>
    public static Task<HeraldInstance> StartAsync(FakeTimeProvider time, Action<IServiceCollection>? more = null) =>
        HeraldInstance.StartAsync(time, s =>
        {
            s.Configure<NotificationOptions>(o => o.IdleCheck = TimeSpan.FromMilliseconds(100));
            s.Configure<CrisisOptions>(o => o.IdleCheck = TimeSpan.FromMilliseconds(100));
            more?.Invoke(s);
        });

    /// <summary>Records <paramref name="count"/> items, <paramref name="negative"/> of them negative, spread over the minutes from <paramref name="from"/>.</summary>
    public static async Task RecordAsync(this HeraldInstance herald, DateTimeOffset from, int count, int negative, int overMinutes = 1)
    {
        var signals = Enumerable.Range(0, count).Select(i => new ConversationSignal(
            herald.WorkspaceId, "account", Guid.NewGuid().ToString("N"), from.AddMinutes(i * overMinutes / (double)Math.Max(count, 1)),
            i < negative ? SentimentLabel.Negative : SentimentLabel.Neutral)).ToList();
        foreach (var recorder in herald.Services.GetServices<IConversationSignals>())
        {
            await recorder.RecordAsync(signals, default);
        }
    }

    /// <summary>Runs the rules now (the worker also does, on its own schedule; a conditional update keeps it to one alert).</summary>
    public static async Task<List<CrisisAlert>> EvaluateAsync(this HeraldInstance herald)
    {
        await using var scope = herald.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CrisisMonitor>().EvaluateAsync(herald.WorkspaceId, default);
    }

    public static async Task<JsonArray> AlertsAsync(this HeraldInstance herald) =>
        (await herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/crisis/alerts"))!;

    public static async Task<JsonObject> AddRuleAsync(this HeraldInstance herald, object rule)
    {
        var response = await herald.PostAsync("/api/v1/crisis/rules", rule);
        await HeraldInstance.EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> AddChannelAsync(this HeraldInstance herald, object channel)
    {
        var response = await herald.PostAsync("/api/v1/notifications/channels", channel);
        await HeraldInstance.EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls (real time, bounded) until the workspace has <paramref name="count"/> alerts; the worker may be the one raising them.</summary>
    public static async Task<JsonArray> WaitForAlertsAsync(this HeraldInstance herald, int count)
    {
        var deadline = Environment.TickCount64 + 20_000;
        while (true)
        {
            var alerts = await herald.AlertsAsync();
            if (alerts.Count >= count || Environment.TickCount64 > deadline)
            {
                Assert.Equal(count, alerts.Count);
                return alerts;
            }
            await Task.Delay(50);
        }
    }
}
