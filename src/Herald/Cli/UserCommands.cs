using System.CommandLine;
using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cli;

/// <summary>`./herald users add|list|role`.</summary>
internal static class UserCommands
{
    public static Command Build()
    {
        var users = new Command("users", "Manage users.");

        var email = new Option<string>("--email") { Required = true, Description = "The user's e-mail." };
        var password = new Option<string>("--password") { Required = true, Description = "At least 10 characters." };
        var admin = new Option<bool>("--admin") { Description = "Owner of every workspace." };
        var add = new Command("add", "Create a user.") { email, password, admin };
        add.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var user = await sp.GetRequiredService<TeamService>().AddUserAsync(r.GetValue(email)!, r.GetValue(password)!, r.GetValue(admin), ct2);
            Console.WriteLine(user.Id);
            return 0;
        }, ct));
        users.Subcommands.Add(add);

        var list = new Command("list", "List users.");
        list.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var rows = await sp.GetRequiredService<HeraldDb>().Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct2);
            CliOutput.Table(rows.Select(u => new[] { u.Id, u.Email, u.IsAdmin ? "admin" : "" }), "ID", "E-MAIL", "");
            return 0;
        }, ct));
        users.Subcommands.Add(list);

        var roleEmail = new Option<string>("--email") { Required = true };
        var role = new Option<string>("--role") { Required = true, Description = "owner, admin, editor, contributor or viewer." };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace id or name (default: the first)." };
        var setRole = new Command("role", "Give a user a role in a workspace.") { roleEmail, role, workspace };
        setRole.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var ws = await CliHost.WorkspaceAsync(sp, r.GetValue(workspace), ct2);
            var teams = sp.GetRequiredService<TeamService>();
            var user = await teams.FindUserAsync(r.GetValue(roleEmail)!, ct2) ?? throw new HeraldProblem(404, "No such user", $"No user {r.GetValue(roleEmail)}.");
            if (!Enum.TryParse<Role>(r.GetValue(role), true, out var parsed))
            {
                throw new HeraldProblem(422, "Invalid role", "Role must be owner, admin, editor, contributor or viewer.");
            }
            await teams.SetMemberAsync(ws.WorkspaceId, user.Id, parsed, ct2);
            return 0;
        }, ct));
        users.Subcommands.Add(setRole);
        return users;
    }
}
