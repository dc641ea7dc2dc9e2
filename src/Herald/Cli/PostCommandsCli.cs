using System.CommandLine;
using Herald.Publishing;

namespace Herald.Cli;

/// <summary>`./herald posts create|list|show|import`.</summary>
internal static class PostCommandsCli
{
    public static Command Build()
    {
        var posts = new Command("posts", "Write, schedule and inspect posts.");
        var workspace = new Option<string?>("--workspace") { Description = "Workspace id or name (default: the first).", Recursive = true };
        posts.Options.Add(workspace);

        var text = new Option<string>("--text") { Required = true };
        var account = new Option<string[]>("--account") { Description = "Account id (repeat for several).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var at = new Option<string?>("--at") { Description = "Wall-clock time, e.g. 2026-11-24T09:30." };
        var tz = new Option<string?>("--time-zone") { Description = "IANA zone, e.g. Europe/Paris (default: the workspace's)." };
        var now = new Option<bool>("--now") { Description = "Publish now." };
        var queue = new Option<bool>("--queue") { Description = "Take each account's next free queue slot." };
        var thread = new Option<bool>("--thread") { Description = "Split a text too long for a network into a thread." };
        var media = new Option<string[]>("--media") { Description = "Media id (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create a post (a draft unless --at, --now or --queue).") { text, account, at, tz, now, queue, thread, media };
        create.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var ws = await CliHost.WorkspaceAsync(sp, r.GetValue(workspace), ct2);
            var request = new PostRequest
            {
                Text = r.GetValue(text),
                AccountIds = [.. r.GetValue(account) ?? []],
                MediaIds = [.. r.GetValue(media) ?? []],
                ScheduledAt = r.GetValue(at),
                TimeZone = r.GetValue(tz),
                PublishNow = r.GetValue(now),
                Queue = r.GetValue(queue),
                Thread = r.GetValue(thread),
            };
            request.Draft = !request.PublishNow && !request.Queue && request.ScheduledAt is null;
            var (post, warnings) = await sp.GetRequiredService<PostComposer>().CreateAsync(ws, request, ct2);
            foreach (var w in warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {w.Message}");
            }
            Console.WriteLine(post.Id);
            return 0;
        }, ct));
        posts.Subcommands.Add(create);

        var status = new Option<string?>("--status");
        var limit = new Option<int?>("--limit");
        var json = new Option<bool>("--json");
        var list = new Command("list", "List posts.") { status, limit, json };
        list.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var ws = await CliHost.WorkspaceAsync(sp, r.GetValue(workspace), ct2);
            var rows = await sp.GetRequiredService<PostQueries>().ListAsync(ws.WorkspaceId, new PostFilter(r.GetValue(status), null, null, null, null, r.GetValue(limit), null), ct2);
            if (r.GetValue(json))
            {
                CliOutput.Json(rows);
            }
            else
            {
                CliOutput.Table(rows.Select(p => new[] { p.Id, p.Status, p.ScheduledAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "", Short(p.Text) }), "ID", "STATUS", "WHEN (UTC)", "TEXT");
            }
            return 0;
        }, ct));
        posts.Subcommands.Add(list);

        var id = new Argument<string>("id");
        var show = new Command("show", "Show a post, its deliveries and their attempts (JSON).") { id };
        show.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var queries = sp.GetRequiredService<PostQueries>();
            var post = await queries.FindAsync(r.GetValue(id)!, ct2) ?? throw new HeraldProblem(404, "Not found", $"No post {r.GetValue(id)}.");
            CliOutput.Json(await queries.DetailAsync(post, null, ct2));
            return 0;
        }, ct));
        posts.Subcommands.Add(show);

        var file = new Argument<string>("file") { Description = "CSV with columns text, accounts, scheduled_at, time_zone [, queue, thread, draft, media, alt_text]." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the good rows even if some are invalid." };
        var report = new Option<string?>("--report") { Description = "Write the per-row report as CSV to this file." };
        var import = new Command("import", "Schedule many posts from a CSV file.") { file, skipInvalid, report };
        import.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var ws = await CliHost.WorkspaceAsync(sp, r.GetValue(workspace), ct2);
            var interactive = !Console.IsErrorRedirected;
            var (batch, rows) = await sp.GetRequiredService<CsvImport>().ImportAsync(ws, r.GetValue(file)!, r.GetValue(skipInvalid),
                (done, total) => Progress(done, total, interactive), ct2);
            var imported = rows.Count(x => x.Imported);
            foreach (var row in rows)
            {
                Console.WriteLine(row.Imported ? $"line {row.Line}: imported {row.PostId}" : $"line {row.Line}: NOT imported: {row.Error}");
            }
            if (r.GetValue(report) is { Length: > 0 } reportPath)
            {
                await File.WriteAllLinesAsync(reportPath, ["line,imported,post_id,error",
                    .. rows.Select(x => $"{x.Line},{(x.Imported ? "yes" : "no")},{x.PostId},\"{x.Error?.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")], ct2);
            }
            await Console.Error.WriteLineAsync($"{imported} of {rows.Count} rows imported (batch {batch}).");
            return imported == rows.Count ? 0 : 1;
        }, ct));
        posts.Subcommands.Add(import);
        return posts;
    }

    private static void Progress(int done, int total, bool interactive)
    {
        if (!interactive && done != total && done % 100 != 0)
        {
            return;
        }
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}");
        if (done == total)
        {
            Console.Error.WriteLine();
        }
    }

    private static string Short(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 60 ? oneLine : oneLine[..60] + "…";
    }
}
