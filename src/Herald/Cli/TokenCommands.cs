using System.CommandLine;
using Herald.Teams;

namespace Herald.Cli;

/// <summary>`./herald tokens create --email E --name N` prints the token alone on stdout.</summary>
internal static class TokenCommands
{
    public static Command Build()
    {
        var tokens = new Command("tokens", "Manage API tokens.");
        var email = new Option<string>("--email") { Required = true };
        var name = new Option<string>("--name") { Required = true };
        var create = new Command("create", "Create an API token for a user; prints it once.") { email, name };
        create.SetAction((r, ct) => CliHost.RunAsync(HeraldCli.Options(r), async (sp, ct2) =>
        {
            var user = await sp.GetRequiredService<TeamService>().FindUserAsync(r.GetValue(email)!, ct2)
                ?? throw new HeraldProblem(404, "No such user", $"No user {r.GetValue(email)}.");
            var (_, secret) = await sp.GetRequiredService<ApiTokens>().CreateAsync(user.Id, r.GetValue(name)!, ct2);
            Console.WriteLine(secret);
            return 0;
        }, ct));
        tokens.Subcommands.Add(create);
        return tokens;
    }
}
