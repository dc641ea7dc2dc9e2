using Herald.Cli;
using Herald.Data;
using Herald.Publishing;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Publishing;

/// <summary>Bulk import from CSV: all or nothing by default, and a report that says exactly what was imported.</summary>
public sealed class CsvImportTests : IAsyncLifetime
{
    private HeraldInstance _herald = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldInstance.StartAsync();
        await _herald.ConnectSandboxAsync("brand");
        _dir = Directory.CreateTempSubdirectory("herald-csv-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(_dir, "chart.png"), TestImages.Png(400));
    }

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private async Task<(IReadOnlyList<ImportRow> Rows, int Posts)> ImportAsync(string csv, bool skipInvalid)
    {
        var path = Path.Combine(_dir, "posts.csv");
        await File.WriteAllTextAsync(path, csv);
        await using var scope = _herald.Services.CreateAsyncScope();
        var ws = await CliHost.WorkspaceAsync(scope.ServiceProvider, null, default);
        var (_, rows) = await scope.ServiceProvider.GetRequiredService<CsvImport>().ImportAsync(ws, path, skipInvalid, null, default);
        var posts = await scope.ServiceProvider.GetRequiredService<HeraldDb>().Posts.CountAsync();
        return (rows, posts);
    }

    private const string Csv = """
        text,accounts,scheduled_at,time_zone,media,alt_text
        "Hello, world",brand,2030-01-06T09:00:00,Europe/Paris,chart.png,A rising chart
        Second post,brand,2030-01-07T09:00:00,Europe/Paris,,
        Bad account,nobody,2030-01-08T09:00:00,Europe/Paris,,
        Bad time,brand,next tuesday,Europe/Paris,,
        """;

    [Fact]
    public async Task A_batch_with_a_bad_row_imports_nothing_and_says_which_rows_are_wrong()
    {
        var (rows, posts) = await ImportAsync(Csv, skipInvalid: false);
        Assert.Equal(0, posts);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.False(r.Imported));
        Assert.Contains("No account 'nobody'", rows[2].Error);
        Assert.Contains("'next tuesday'", rows[3].Error);
        Assert.Contains("another row", rows[0].Error);
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.Line));
    }

    [Fact]
    public async Task Skipping_invalid_rows_imports_the_good_ones_and_reports_them()
    {
        var (rows, posts) = await ImportAsync(Csv, skipInvalid: true);
        Assert.Equal(2, posts);
        Assert.True(rows[0].Imported);
        Assert.NotNull(rows[0].PostId);
        Assert.True(rows[1].Imported);
        Assert.False(rows[2].Imported);
        Assert.False(rows[3].Imported);
        var post = await _herald.GetPostAsync(rows[0].PostId!);
        Assert.Equal("Hello, world", (string)post["text"]!);
        Assert.Single(post["mediaIds"]!.AsArray());
        Assert.Equal("2030-01-06T09:00:00", (string)post["scheduledLocal"]!);
    }
}
