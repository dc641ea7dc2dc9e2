using System.Text.Json;
using Herald.Accounts;
using Herald.Data;
using Herald.Teams;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Networks.Mastodon;

/// <summary>Connecting a Mastodon account by OAuth: start at the user's instance, come back with a code, get an account.</summary>
public static class MastodonOAuthEndpoints
{
    /// <summary>The body of POST /api/v1/accounts/mastodon/authorize; redirectUri defaults to the out-of-band code display.</summary>
    public sealed record AuthorizeRequest(string? Instance, string? RedirectUri);

    /// <summary>The body of POST /api/v1/accounts/mastodon/callback; name and timeZone are passed on to the new account.</summary>
    public sealed record CallbackRequest(string? State, string? Code, string? Name, string? TimeZone);

    public static IEndpointRouteBuilder MapMastodonOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts/mastodon").WithTags("Accounts");
        group.MapPost("/authorize", AuthorizeAsync);
        group.MapPost("/callback", CallbackAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(
        [FromBody] AuthorizeRequest body, [FromServices] WorkspaceAccess access, [FromServices] MastodonAuthorizations authorizations, CancellationToken ct)
    {
        var workspace = await access.RequireAsync(Role.Admin, ct: ct);
        var started = await authorizations.StartAsync(workspace.WorkspaceId, workspace.UserId, body.Instance, body.RedirectUri, ct);
        return started.Ok ? Results.Ok(started.Value) : throw Problem(started.Failure!);
    }

    private static async Task<IResult> CallbackAsync(
        [FromBody] CallbackRequest body, [FromServices] WorkspaceAccess access, [FromServices] MastodonAuthorizations authorizations,
        [FromServices] AccountService accounts, [FromServices] NetworkRegistry networks, CancellationToken ct)
    {
        var pending = authorizations.Take(body.State, access.UserId);
        await access.RequireAsync(Role.Admin, pending.WorkspaceId, ct);
        var token = await authorizations.ExchangeAsync(pending, body.Code, ct);
        if (!token.Ok)
        {
            throw Problem(token.Failure!);
        }
        var request = new Dictionary<string, string> { ["network"] = "mastodon", ["instance"] = pending.Instance, ["accessToken"] = token.Value! };
        if (!string.IsNullOrWhiteSpace(body.Name))
        {
            request["name"] = body.Name;
        }
        if (!string.IsNullOrWhiteSpace(body.TimeZone))
        {
            request["timeZone"] = body.TimeZone;
        }
        var account = await accounts.ConnectAsync(pending.WorkspaceId, JsonSerializer.SerializeToElement(request), ct);
        return Results.Created($"/api/v1/accounts/{account.Id}", AccountDto.From(account, AccountRules.For(account, networks)));
    }

    private static HeraldProblem Problem(NetworkFailure failure) => failure.Kind switch
    {
        FailureKind.InvalidContent => new HeraldProblem(422, "Cannot authorize", failure.Message),
        FailureKind.AuthExpired or FailureKind.Permanent => new HeraldProblem(422, "Mastodon refused", failure.Message),
        FailureKind.RateLimited => new HeraldProblem(429, "Rate limited", failure.Message,
            new Dictionary<string, object?> { ["retryAfterSeconds"] = failure.RetryAfter?.TotalSeconds }),
        _ => new HeraldProblem(502, "Instance unreachable", failure.Message),
    };
}
