using System.CommandLine;
using System.Globalization;
using Herald.Reports;

namespace Herald.Cli;

/// <summary>`./herald report --workspace W --from D --to D --format pdf|html|csv|xlsx --out FILE`.</summary>
internal static class ReportCommand
{
    public static Command Build()
    {
        var workspace = new Option<string?>("--workspace") { Description = "Workspace id or name (default: the first)." };
        var from = new Option<string>("--from") { Required = true, Description = "First day, e.g. 2026-11-01." };
        var to = new Option<string>("--to") { Required = true, Description = "Last day (inclusive)." };
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "pdf", Description = "pdf, html, csv or xlsx." };
        var output = new Option<string>("--out") { Required = true, Description = "File to write." };
        var accounts = new Option<string[]>("--account") { Description = "Only these accounts (repeatable).", AllowMultipleArgumentsPerToken = true };
        var lang = new Option<string>("--lang") { DefaultValueFactory = _ => "en", Description = "en or fr." };
        var notes = new Option<string?>("--notes");
        var command = new Command("report", "Render a report for a period to a file.") { workspace, from, to, format, output, accounts, lang, notes };
        command.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var ws = await CliHost.WorkspaceAsync(sp, r.GetValue(workspace), ct2);
            var definition = new ReportDefinition(null, r.GetValue(from)!, r.GetValue(to)!, [.. r.GetValue(accounts) ?? []], null, r.GetValue(notes), null, null, null);
            var (content, _, _) = await sp.GetRequiredService<ReportService>().RenderAsync(
                ReportService.ToRequest(ws.WorkspaceId, definition), r.GetValue(format)!, CultureInfo.GetCultureInfo(r.GetValue(lang) is "fr" ? "fr" : "en"), ct2);
            await File.WriteAllBytesAsync(r.GetValue(output)!, content, ct2);
            await Console.Error.WriteLineAsync($"herald: wrote {content.Length:N0} bytes to {r.GetValue(output)}");
            return 0;
        }, ct));
        return command;
    }
}
