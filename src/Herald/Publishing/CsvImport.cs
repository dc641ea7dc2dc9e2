using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Herald.Data;
using Herald.Media;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Publishing;

/// <summary>How one row of an import went.</summary>
public sealed record ImportRow(int Line, bool Imported, string? PostId, string? Error);

/// <summary>
/// Bulk scheduling from CSV. Columns: text, accounts (ids, names or handles separated by ';' or '|'), scheduled_at,
/// time_zone, and optionally queue (true/false), thread (true/false), media (file paths relative to the CSV, ';'-separated),
/// alt_text (';'-separated, in the same order), draft (true/false).
/// All rows are checked first. By default a batch with any bad row imports nothing; with skipInvalid the good rows are
/// imported and the report says exactly which.
/// </summary>
public sealed class CsvImport(HeraldDb db, PostComposer composer, MediaStore media)
{
    public async Task<(string Batch, IReadOnlyList<ImportRow> Rows)> ImportAsync(
        WorkspaceContext ws, string path, bool skipInvalid, Action<int, int>? progress, CancellationToken ct)
    {
        var records = Read(path);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.WorkspaceId == ws.WorkspaceId && a.Status != AccountStatus.Disconnected).ToListAsync(ct);
        var batch = Ids.New();
        var results = new List<ImportRow>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var done = 0;
        foreach (var (line, row) in records)
        {
            try
            {
                var request = await ToRequestAsync(ws, row, accounts, Path.GetDirectoryName(Path.GetFullPath(path))!, ct);
                var (post, _) = await composer.CreateAsync(ws, request, ct);
                post.ImportBatch = batch;
                await db.SaveChangesAsync(ct);
                results.Add(new ImportRow(line, true, post.Id, null));
            }
            catch (HeraldProblem p)
            {
                db.ChangeTracker.Clear();
                results.Add(new ImportRow(line, false, null, p.Detail));
            }
            progress?.Invoke(++done, records.Count);
        }
        if (results.Any(r => !r.Imported) && !skipInvalid)
        {
            await tx.RollbackAsync(ct);
            return (batch, results.Select(r => r.Imported ? r with { Imported = false, PostId = null, Error = "Not imported: another row of the batch is invalid (use --skip-invalid to import the good rows)." } : r).ToList());
        }
        await tx.CommitAsync(ct);
        return (batch, results);
    }

    private static List<(int Line, Dictionary<string, string> Row)> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new HeraldProblem(404, "No such file", $"{path} does not exist.");
        }
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            BadDataFound = null,
            DetectDelimiter = true,
        });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new HeraldProblem(422, "Empty file", $"{path} has no header row.");
        }
        var headers = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!headers.Contains("text") || !headers.Contains("accounts"))
        {
            throw new HeraldProblem(422, "Missing columns", "The CSV needs at least the columns text and accounts (and usually scheduled_at, time_zone).");
        }
        var rows = new List<(int, Dictionary<string, string>)>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < headers.Length; i++)
            {
                row[headers[i]] = csv.GetField(i) ?? "";
            }
            rows.Add((csv.Parser.RawRow, row));
        }
        return rows;
    }

    private async Task<PostRequest> ToRequestAsync(WorkspaceContext ws, Dictionary<string, string> row, List<Account> accounts, string baseDir, CancellationToken ct)
    {
        string Get(string key) => row.TryGetValue(key, out var v) ? v.Trim() : "";
        bool Flag(string key) => Get(key).ToLowerInvariant() is "true" or "yes" or "1" or "x";
        var ids = new List<string>();
        foreach (var name in Get("accounts").Split([';', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = accounts.FirstOrDefault(a => a.Id == name)
                ?? accounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(a.Handle, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new HeraldProblem(422, "Unknown account", $"No account '{name}' in this workspace.");
            ids.Add(match.Id);
        }
        var mediaIds = new List<string>();
        var alts = Get("alt_text").Split(';');
        var files = Get("media").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < files.Length; i++)
        {
            var file = Path.GetFullPath(Path.Combine(baseDir, files[i]));
            if (!File.Exists(file))
            {
                throw new HeraldProblem(422, "Missing media", $"The media file {files[i]} does not exist.");
            }
            await using var stream = File.OpenRead(file);
            var item = await media.SaveAsync(ws.WorkspaceId, Path.GetFileName(file), stream, i < alts.Length ? alts[i] : null, ct);
            db.Media.Add(item);
            await db.SaveChangesAsync(ct);
            mediaIds.Add(item.Id);
        }
        var at = Get("scheduled_at");
        return new PostRequest
        {
            WorkspaceId = ws.WorkspaceId,
            Text = row.GetValueOrDefault("text") ?? "",
            AccountIds = ids,
            MediaIds = mediaIds,
            ScheduledAt = at.Length > 0 ? at : null,
            TimeZone = Get("time_zone") is { Length: > 0 } tz ? tz : null,
            Queue = Flag("queue"),
            Draft = Flag("draft") || (at.Length == 0 && !Flag("queue")),
            Thread = Flag("thread"),
        };
    }
}
