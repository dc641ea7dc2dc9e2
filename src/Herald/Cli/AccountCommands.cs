using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Accounts;
using Herald.Data;
using Herald.Networks;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cli;

/// <summary>`./herald accounts connect|list|disconnect`.</summary>
internal static class AccountCommands
{
    public static Command Build()
    {
        var accounts = new Command("accounts", "Manage connected accounts.");
        var workspace = new Option<string?>("--workspace") { Description = "Workspace id or name (default: the first).", Recursive = true };
        accounts.Options.Add(workspace);

        var network = new Option<string>("--network") { Required = true, Description = "sandbox, bluesky or mastodon." };
        var name = new Option<string?>("--name");
        var service = new Option<string?>("--service") { Description = "Bluesky PDS URL (default https://bsky.social)." };
        var identifier = new Option<string?>("--identifier") { Description = "Bluesky handle or DID." };
        var password = new Option<string?>("--password") { Description = "Bluesky app password (or HERALD_ACCOUNT_PASSWORD)." };
        var instance = new Option<string?>("--instance") { Description = "Mastodon instance URL." };
        var token = new Option<string?>("--access-token") { Description = "Mastodon access token (or HERALD_ACCOUNT_TOKEN)." };
        var connect = new Command("connect", "Connect an account.") { network, name, service, identifier, password, instance, token };
        connect.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var ws = await CliHost.WorkspaceAsync(sp, r.GetValue(workspace), ct2);
            var body = new JsonObject { ["network"] = r.GetValue(network) };
            void Set(string key, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    body[key] = value;
                }
            }
            Set("name", r.GetValue(name));
            Set("service", r.GetValue(service));
            Set("identifier", r.GetValue(identifier));
            Set("password", r.GetValue(password) ?? Environment.GetEnvironmentVariable("HERALD_ACCOUNT_PASSWORD"));
            Set("instance", r.GetValue(instance));
            Set("accessToken", r.GetValue(token) ?? Environment.GetEnvironmentVariable("HERALD_ACCOUNT_TOKEN"));
            var account = await sp.GetRequiredService<AccountService>().ConnectAsync(ws.WorkspaceId, JsonSerializer.SerializeToElement(body), ct2);
            Console.WriteLine(account.Id);
            return 0;
        }, ct));
        accounts.Subcommands.Add(connect);

        var json = new Option<bool>("--json");
        var list = new Command("list", "List accounts.") { json };
        list.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var ws = await CliHost.WorkspaceAsync(sp, r.GetValue(workspace), ct2);
            var networks = sp.GetRequiredService<NetworkRegistry>();
            var rows = await sp.GetRequiredService<HeraldDb>().Accounts.AsNoTracking().Where(a => a.WorkspaceId == ws.WorkspaceId).OrderBy(a => a.CreatedAt).ToListAsync(ct2);
            if (r.GetValue(json))
            {
                CliOutput.Json(rows.Select(a => AccountDto.From(a, AccountRules.For(a, networks))));
            }
            else
            {
                CliOutput.Table(rows.Select(a => new[] { a.Id, a.Network, a.Name, a.Handle ?? "", a.Status.ToString() }), "ID", "NETWORK", "NAME", "HANDLE", "STATUS");
            }
            return 0;
        }, ct));
        accounts.Subcommands.Add(list);

        var id = new Argument<string>("id");
        var disconnect = new Command("disconnect", "Disconnect an account (its scheduled posts are held).") { id };
        disconnect.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var db = sp.GetRequiredService<HeraldDb>();
            var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == r.GetValue(id), ct2) ?? throw new HeraldProblem(404, "Not found", $"No account {r.GetValue(id)}.");
            await sp.GetRequiredService<AccountService>().DisconnectAsync(account, ct2);
            return 0;
        }, ct));
        accounts.Subcommands.Add(disconnect);
        return accounts;
    }
}
