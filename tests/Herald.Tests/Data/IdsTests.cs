using System.Collections.Concurrent;
using Herald.Data;

namespace Herald.Tests.Data;

/// <summary>Herald's identifiers: RFC 9562 UUIDv7 strings, unique across threads, ordered by the millisecond they were made in.</summary>
public class IdsTests
{
    [Fact]
    public void Ids_are_version_7_uuids_with_the_current_time_unique_across_threads_and_ordered_by_millisecond()
    {
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var ids = new ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 25_000; i++)
            {
                ids.Add(Ids.New()); // several refills of each thread's random buffer
            }
        });
        var after = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        Assert.Equal(200_000, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var id in ids.Take(5_000))
        {
            var guid = Guid.Parse(id);
            Assert.Equal(id, guid.ToString("D"));
            Assert.Equal(7, guid.Version);
            Assert.Contains(id[19], "89ab"); // variant 10xx
            var ms = Convert.ToInt64(id[..8] + id[9..13], 16);
            Assert.InRange(ms, before, after);
        }
        var first = Ids.New();
        Thread.Sleep(5);
        Assert.True(string.CompareOrdinal(first, Ids.New()) < 0, "an id made a few milliseconds later sorts after");
    }
}
