using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Crisis;
using Herald.Data;
using Herald.Inbox;
using Herald.Sentiment;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Inbox;

/// <summary>Records every conversation signal the inbox raises.</summary>
public sealed class RecordingSignals : IConversationSignals
{
    private readonly List<ConversationSignal> _signals = [];

    public IReadOnlyList<ConversationSignal> Signals
    {
        get
        {
            lock (_signals)
            {
                return [.. _signals];
            }
        }
    }

    public Task RecordAsync(IReadOnlyList<ConversationSignal> signals, CancellationToken cancellationToken)
    {
        lock (_signals)
        {
            _signals.AddRange(signals);
        }
        return Task.CompletedTask;
    }

    public Task RecordAsync(IReadOnlyList<ConversationSignal> signals, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken) =>
        RecordAsync(signals, cancellationToken);

    public void Committed()
    {
    }
}

/// <summary>A stand-in analyzer (the real one is another capability): "bad", "déçu" or "awful" is negative, "love" or "merci" positive.</summary>
public sealed class KeywordSentiment : ISentimentAnalyzer
{
    public SentimentResult Analyze(string text, string? language = null)
    {
        var folded = Herald.Inbox.TextFolding.Fold(text);
        var lang = language is "en" or "fr" ? language : folded.Contains("merci", StringComparison.Ordinal) || folded.Contains("decu", StringComparison.Ordinal) ? "fr" : "en";
        if (folded.Contains("bad", StringComparison.Ordinal) || folded.Contains("decu", StringComparison.Ordinal) || folded.Contains("awful", StringComparison.Ordinal))
        {
            return new SentimentResult(SentimentLabel.Negative, -0.8, lang);
        }
        return folded.Contains("love", StringComparison.Ordinal) || folded.Contains("merci", StringComparison.Ordinal)
            ? new SentimentResult(SentimentLabel.Positive, 0.7, lang)
            : new SentimentResult(SentimentLabel.Neutral, 0, lang);
    }
}

/// <summary>Intent methods for inbox tests.</summary>
public static class InboxHarness
{
    public static async Task<JsonObject> SyncAsync(this HeraldInstance herald)
    {
        var response = await herald.Client.PostAsync("/api/v1/inbox/sync", null);
        await HeraldInstance.EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> InboxAsync(this HeraldInstance herald, string query = "", HttpClient? client = null)
    {
        var response = await (client ?? herald.Client).GetAsync("/api/v1/inbox?limit=200" + query);
        await HeraldInstance.EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<T> DbAsync<T>(this HeraldInstance herald, Func<HeraldDb, Task<T>> read)
    {
        await using var scope = herald.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<HeraldDb>());
    }

    public static Task<int> EngagementCountAsync(this HeraldInstance herald) => herald.DbAsync(db => db.Set<EngagementEvent>().CountAsync());

    public static IEnumerable<JsonObject> Items(this JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject());
}
