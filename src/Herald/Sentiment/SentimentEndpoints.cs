using Herald.Data;
using Herald.Teams;

namespace Herald.Sentiment;

/// <summary>POST /api/v1/sentiment: the sentiment of one text ({"text"}) or of up to 1,000 ({"texts"}), for any member.</summary>
public static class SentimentEndpoints
{
    public const int MaxTexts = 1000;
    public const int MaxLength = 10_000;

    public static IEndpointRouteBuilder MapSentimentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sentiment", async (SentimentRequest body, WorkspaceAccess access, ISentimentAnalyzer analyzer, CancellationToken ct) =>
        {
            // Any role in any workspace may use it: it reads nothing of the workspace.
            await access.RequireAsync(Role.Viewer, null, ct);
            var lang = Language(body.Lang);
            if (body.Texts is { } texts)
            {
                if (body.Text is not null)
                {
                    throw Bad("Send either 'text' or 'texts', not both.");
                }
                if (texts.Length is 0 or > MaxTexts)
                {
                    throw Bad($"'texts' must hold between 1 and {MaxTexts} texts; it holds {texts.Length}.");
                }
                for (var i = 0; i < texts.Length; i++)
                {
                    Check(texts[i], $"texts[{i}]");
                }
                return Results.Json(texts.Select(t => SentimentDto.From(analyzer.Analyze(t!, lang))).ToArray(), HeraldJson.Options);
            }
            Check(body.Text, "text");
            return Results.Json(SentimentDto.From(analyzer.Analyze(body.Text!, lang)), HeraldJson.Options);
        })
        .RequireAuthorization()
        .WithTags("Sentiment")
        .WithSummary("Positive, neutral or negative, with a score in [-1, 1], in English or French (detected when lang is auto).")
        .DisableAntiforgery();
        return app;
    }

    private static void Check(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Bad($"'{field}' is missing or empty.");
        }
        if (text.Length > MaxLength)
        {
            throw Bad($"'{field}' is {text.Length} characters long; at most {MaxLength} are accepted.");
        }
    }

    private static string? Language(string? lang) => lang?.ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "en" => "en",
        "fr" => "fr",
        _ => throw Bad($"'lang' must be auto, en or fr, not '{lang}'."),
    };

    private static HeraldProblem Bad(string detail) => new(400, "Invalid sentiment request", detail);

    /// <summary>One text ("text") or many ("texts"); "lang" is auto (default), en or fr.</summary>
    public sealed record SentimentRequest(string? Text, string[]? Texts, string? Lang);

    /// <summary>The answer for one text, the same shape as a line of `./herald sentiment`.</summary>
    public sealed record SentimentDto(string Label, double Score, string Lang)
    {
        public static SentimentDto From(SentimentResult r) => new(r.Label.ToString().ToLowerInvariant(), r.Score, r.Language);
    }
}
