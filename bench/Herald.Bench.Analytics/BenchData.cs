using Herald.Analytics;

namespace Herald.Bench.Analytics;

/// <summary>One generated post: who, when, what, and its final counts (snapshots grow toward them).</summary>
internal readonly record struct GenPost(int Account, int Day, int K, string DeliveryId, string PostId, DateTimeOffset PublishedAt, string Network, string ContentType,
    int LocalHour, int LocalWeekday, long Followers, int Likes, int Reposts, int Replies, int Quotes, long? Impressions, long Clicks);

/// <summary>A deterministic year of posts for N accounts: three a day each, on three networks, four content types.</summary>
internal sealed class BenchData(BenchOptions opts, DateTimeOffset end, string workspace)
{
    private static readonly string[] Networks = ["sandbox", "mastodon", "bluesky"];
    public static readonly TimeSpan[] Ages = SnapshotSchedule.Ages().ToArray();

    public string Workspace => workspace;
    public int Accounts => opts.Accounts;
    public int Days => opts.Days;
    public DateTimeOffset Start => end.AddDays(-opts.Days);

    public static string AccountId(int a) => $"acct{a:D4}";
    public static string PostId(int a, int d, int k) => $"post{a:D4}{d:D4}{k}";
    public static string DeliveryId(int a, int d, int k) => $"dlv{a:D4}{d:D4}{k}";
    public static string Network(int a) => Networks[a % Networks.Length];

    public static long Followers(int a, int d) => 1000 + (a * 50) + (d * 2);

    private static uint Hash(int a, int d, int k) => (uint)((a * 73856093) ^ (d * 19349663) ^ (k * 83492791)) * 2654435761u;

    public IEnumerable<GenPost> Posts()
    {
        for (var a = 0; a < opts.Accounts; a++)
        {
            for (var d = 0; d < opts.Days; d++)
            {
                for (var k = 0; k < opts.PostsPerDay; k++)
                {
                    var h = Hash(a, d, k);
                    var hour = 7 + (k * 5) + (int)(h % 3);
                    var at = Start.AddDays(d).AddHours(hour).AddMinutes(h % 60);
                    var likes = 5 + (int)(h % 60);
                    var network = Network(a);
                    var type = ContentTypes.All[(int)((h >> 8) % 4)];
                    yield return new GenPost(a, d, k, DeliveryId(a, d, k), PostId(a, d, k), at, network, type, hour, (int)at.DayOfWeek, Followers(a, d),
                        likes, likes / 5, likes / 4, likes / 20, network == "mastodon" ? null : likes * 40L, likes / 3);
                }
            }
        }
    }

    /// <summary>The share of its final counts a post has at a given age: most engagement comes in the first hours.</summary>
    public static double Share(TimeSpan age) => 1 - Math.Exp(-age.TotalHours / 6);
}
