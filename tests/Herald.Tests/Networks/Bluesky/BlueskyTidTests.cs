using Herald.Networks.Bluesky;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Networks.Bluesky;

public sealed class BlueskyTidTests
{
    [Fact]
    public void Tid_syntax_accepts_every_valid_interop_example() =>
        Assert.All(BlueskyTestData.SyntaxLines("tid_syntax_valid.txt"), tid => Assert.True(BlueskyTid.IsValid(tid), tid));

    [Fact]
    public void Tid_syntax_rejects_every_invalid_interop_example() =>
        Assert.All(BlueskyTestData.SyntaxLines("tid_syntax_invalid.txt"), tid => Assert.False(BlueskyTid.IsValid(tid), tid));

    [Fact]
    public void New_record_keys_are_valid_tids_that_sort_in_creation_order_even_when_the_clock_stands_still()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var keys = Enumerable.Range(0, 50).Select(_ => BlueskyTid.Next(time)).ToList();

        Assert.All(keys, k => Assert.True(BlueskyTid.IsValid(k), k));
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void A_tid_encodes_microseconds_then_the_clock_id()
    {
        Assert.Equal("2222222222222", BlueskyTid.Encode(0, 0));
        Assert.Equal("2222222222223", BlueskyTid.Encode(0, 1));
        Assert.Equal("2222222222322", BlueskyTid.Encode(1, 0)); // 1 << 10 = 32 * 32
        Assert.Equal("bzzzzzzzzzzzz", BlueskyTid.Encode((1L << 53) - 1, 1023));
    }
}
