using Herald.Analytics;
using Herald.Networks;
using Herald.Networks.Sandbox;

namespace Herald.Competitors;

/// <summary>
/// Simulated competitors: any handle exists, with an audience that grows by a fixed amount a day and zero to two posts a
/// day whose counts grow over their first two days. Everything derives from the handle and the clock, so figures repeat.
/// </summary>
internal sealed class SandboxCompetitors(TimeProvider time) : ICompetitorSource
{
    /// <summary>The day the simulated audiences started growing.</summary>
    private static readonly int Origin = new DateOnly(2026, 1, 1).DayNumber;

    private static readonly string[] Texts =
    [
        "New this week: our spring collection is live.",
        "Behind the scenes with the team today.",
        "Thank you for 10 years of support!",
        "Tips: five ways to get more from your morning coffee.",
        "Join our live Q&A on Thursday.",
        "Customer story: how a small bakery doubled its orders.",
    ];

    public string Network => "sandbox";

    public string? Normalize(string handle)
    {
        var h = handle.Trim().TrimStart('@').ToLowerInvariant();
        return h.Length is > 0 and <= 64 && h.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? h : null;
    }

    public Task<NetworkResult<CompetitorProfile>> GetProfileAsync(CompetitorRef competitor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var followers = Followers(competitor.Handle, Days.Of(now));
        var r = SandboxRandom.For("competitor:" + competitor.Handle);
        var profile = new CompetitorProfile("sandbox:" + competitor.Handle, competitor.Handle, Title(competitor.Handle), followers, r.Next(50, 800),
            r.Next(200, 2000) + Math.Max(0, Days.Of(now) - Origin), null);
        return Task.FromResult(NetworkResult<CompetitorProfile>.Success(profile));
    }

    public Task<NetworkResult<IReadOnlyList<CompetitorPostCounts>>> GetRecentPostsAsync(CompetitorRef competitor, DateTimeOffset since, int limit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var posts = new List<CompetitorPostCounts>();
        for (var day = Days.Of(now); day >= Days.Of(since) && posts.Count < limit; day--)
        {
            var r = SandboxRandom.For($"competitor:{competitor.Handle}:{day}");
            var count = r.Next(0, 3);
            for (var i = 0; i < count; i++)
            {
                var at = Days.Start(Days.Date(day)).AddHours(r.Next(7, 21)).AddMinutes(r.Next(0, 60));
                // Draw every figure before deciding to keep the post, so the sequence (and every later post) never shifts.
                var (likes, reposts, replies, quotes, text) = (r.Next(5, 160), r.Next(0, 40), r.Next(0, 25), r.Next(0, 6), r.Pick(Texts));
                if (at > now || at < since)
                {
                    continue;
                }
                // Counts reach their final value after two days.
                var grown = Math.Min(1.0, (now - at).TotalHours / 48);
                int G(int n) => (int)Math.Round(n * grown);
                posts.Add(new CompetitorPostCounts($"sandbox:{competitor.Handle}:{day}:{i}", null, text, at, G(likes), G(reposts), G(replies), G(quotes)));
            }
        }
        return Task.FromResult(NetworkResult<IReadOnlyList<CompetitorPostCounts>>.Success(posts.OrderByDescending(p => p.PublishedAt).Take(limit).ToList()));
    }

    internal static long Followers(string handle, int day)
    {
        var r = SandboxRandom.For("competitor:" + handle);
        var start = r.Next(1000, 20000);
        var perDay = r.Next(2, 40);
        return start + (perDay * (long)Math.Max(0, day - Origin));
    }

    private static string Title(string handle) =>
        string.Join(' ', handle.Split('-', '_', '.').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
