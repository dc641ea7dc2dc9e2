using Dapper;
using Herald.Crisis;
using Herald.Data;
using Herald.Sentiment;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Crisis;

/// <summary>Crisis counts recorded in the inbox page's transaction commit with it or not at all.</summary>
public sealed class SignalRecorderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.At("2026-11-24T08:00:00Z");
    private HeraldInstance _herald = null!;

    public async Task InitializeAsync() => _herald = await CrisisSteps.StartAsync(_time);

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task Counts_recorded_in_a_transaction_that_rolls_back_are_not_kept_and_those_that_commit_are_added_per_minute()
    {
        var recorder = _herald.Services.GetRequiredService<SignalRecorder>();
        var from = _time.GetUtcNow().AddHours(-1);
        // 3 items in the first minute (1 negative), 2 in the second (2 negative).
        var signals = new[] { 0, 10, 50, 61, 119 }.Select((s, i) => new ConversationSignal(
            _herald.WorkspaceId, "account", "item" + i, from.AddSeconds(s), i is 0 or 3 or 4 ? SentimentLabel.Negative : SentimentLabel.Positive)).ToList();
        var connections = _herald.Services.GetRequiredService<IDbConnectionFactory>();

        await using (var connection = await connections.OpenAsync(default))
        {
            await using var tx = await connection.BeginTransactionAsync();
            await recorder.RecordAsync(signals, tx, default);
            await tx.RollbackAsync();
        }
        Assert.Empty(await BucketsAsync(connections));

        for (var page = 0; page < 2; page++)
        {
            await using var connection = await connections.OpenAsync(default);
            await using var tx = await connection.BeginTransactionAsync();
            await recorder.RecordAsync(signals, tx, default);
            await tx.CommitAsync();
        }
        var minute = from.ToUnixTimeMilliseconds();
        Assert.Equal([(minute, 6, 2), (minute + 60_000, 4, 4)], await BucketsAsync(connections));
    }

    private async Task<List<(long Bucket, int Total, int Negative)>> BucketsAsync(IDbConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync(default);
        return [.. await connection.QueryAsync<(long, int, int)>(
            "SELECT bucket_start, total, negative FROM crisis_signal_rollups WHERE workspace_id = @ws ORDER BY bucket_start", new { ws = _herald.WorkspaceId })];
    }
}
