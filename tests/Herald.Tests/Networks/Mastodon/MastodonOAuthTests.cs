using Herald.Networks;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Herald.Tests.Networks.Mastodon;

/// <summary>Connecting by OAuth: app registration, the authorize URL, and the code exchange (against the fake Mastodon).</summary>
public sealed class MastodonOAuthTests
{
    private const string Redirect = "https://herald.example/accounts/mastodon/callback";

    [Fact]
    public async Task Registering_an_app_asks_for_read_write_with_the_redirect_and_returns_client_credentials()
    {
        await using var h = await MastodonHarness.StartAsync();

        var app = await h.OAuth.RegisterAppAsync(h.Fake.BaseUrl, Redirect, CancellationToken.None);

        Assert.True(app.Ok, app.Failure?.ToString());
        Assert.Equal(h.Fake.ClientId, app.Value!.ClientId);
        Assert.Equal(h.Fake.ClientSecret, app.Value.ClientSecret);
        var form = QueryHelpers.ParseQuery("?" + h.Fake.RequestsTo("POST", "/api/v1/apps").Single().Body);
        Assert.Equal("Herald", form["client_name"]);
        Assert.Equal("read write", form["scopes"]);
        Assert.Equal(Redirect, form["redirect_uris"]);
        Assert.Equal("https://herald.example", form["website"]);
    }

    [Fact]
    public async Task The_authorize_url_carries_client_id_redirect_uri_scope_and_state()
    {
        await using var h = await MastodonHarness.StartAsync();

        var url = new Uri(h.OAuth.AuthorizeUrl(h.Fake.BaseUrl, "client-1", Redirect, "state-1"));

        Assert.Equal(h.Fake.BaseUrl + "/oauth/authorize", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("client-1", query["client_id"]);
        Assert.Equal(Redirect, query["redirect_uri"]);
        Assert.Equal("read write", query["scope"]);
        Assert.Equal("state-1", query["state"]);
    }

    [Fact]
    public async Task Authorizing_then_calling_back_with_the_code_yields_a_token_that_connects()
    {
        await using var h = await MastodonHarness.StartAsync();

        var started = await h.Authorizations.StartAsync("ws-1", "user-1", h.Fake.BaseUrl, Redirect, CancellationToken.None);
        Assert.True(started.Ok, started.Failure?.ToString());
        var query = QueryHelpers.ParseQuery(new Uri(started.Value!.AuthorizeUrl).Query);
        Assert.Equal(started.Value.State, query["state"]);
        Assert.Equal(h.Fake.ClientId, query["client_id"]);
        var pending = h.Authorizations.Take(started.Value.State, "user-1");
        var token = await h.Authorizations.ExchangeAsync(pending, FakeMastodon.AuthorizationCode, CancellationToken.None);

        Assert.True(token.Ok, token.Failure?.ToString());
        Assert.Equal(h.Fake.AccessToken, token.Value);
        Assert.Equal("ws-1", pending.WorkspaceId);
        var exchange = QueryHelpers.ParseQuery("?" + h.Fake.RequestsTo("POST", "/oauth/token").Single().Body);
        Assert.Equal("authorization_code", exchange["grant_type"]);
        Assert.Equal(Redirect, exchange["redirect_uri"]);
        Assert.Equal(h.Fake.ClientSecret, exchange["client_secret"]);
        var connected = await h.Connector.ConnectAsync(MastodonHarness.ConnectRequest(pending.Instance, token.Value!), CancellationToken.None);
        Assert.True(connected.Ok, connected.Failure?.ToString());
        Assert.Equal("14715", connected.Value!.RemoteId);
    }

    [Fact]
    public async Task Without_a_redirect_the_instance_shows_the_code_out_of_band()
    {
        await using var h = await MastodonHarness.StartAsync();

        var started = await h.Authorizations.StartAsync("ws-1", "user-1", h.Fake.BaseUrl, null, CancellationToken.None);

        Assert.Equal("urn:ietf:wg:oauth:2.0:oob", QueryHelpers.ParseQuery(new Uri(started.Value!.AuthorizeUrl).Query)["redirect_uri"]);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_the_instance_message()
    {
        await using var h = await MastodonHarness.StartAsync();
        var started = await h.Authorizations.StartAsync("ws-1", "user-1", h.Fake.BaseUrl, Redirect, CancellationToken.None);

        var token = await h.Authorizations.ExchangeAsync(h.Authorizations.Take(started.Value!.State, "user-1"), "wrong", CancellationToken.None);

        Assert.Equal(FailureKind.AuthExpired, token.Failure!.Kind);
        Assert.StartsWith("The provided authorization grant is invalid", token.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorization_serves_once_and_only_the_user_who_started_it()
    {
        await using var h = await MastodonHarness.StartAsync();
        var first = await h.Authorizations.StartAsync("ws-1", "user-1", h.Fake.BaseUrl, Redirect, CancellationToken.None);
        var second = await h.Authorizations.StartAsync("ws-1", "user-1", h.Fake.BaseUrl, Redirect, CancellationToken.None);

        Assert.NotEqual(first.Value!.State, second.Value!.State);
        Assert.Equal(403, Assert.Throws<HeraldProblem>(() => h.Authorizations.Take(first.Value.State, "user-2")).Status);
        Assert.Equal(400, Assert.Throws<HeraldProblem>(() => h.Authorizations.Take(first.Value.State, "user-1")).Status);
        Assert.Equal(400, Assert.Throws<HeraldProblem>(() => h.Authorizations.Take("made-up", "user-1")).Status);
        Assert.Equal("ws-1", h.Authorizations.Take(second.Value.State, "user-1").WorkspaceId);
    }

    [Fact]
    public async Task An_authorization_started_before_a_restart_finishes_after_it()
    {
        await using var h = await MastodonHarness.StartAsync();
        var keys = Directory.CreateTempSubdirectory("herald-keys-");
        try
        {
            var started = await h.AuthorizationsWithKeysAt(keys).StartAsync("ws-1", "user-1", h.Fake.BaseUrl, Redirect, CancellationToken.None);
            // A new process: new memory, same key ring in the data folder.
            var pending = h.AuthorizationsWithKeysAt(keys).Take(started.Value!.State, "user-1");
            Assert.Equal("ws-1", pending.WorkspaceId);
            var token = await h.AuthorizationsWithKeysAt(keys).ExchangeAsync(pending, FakeMastodon.AuthorizationCode, CancellationToken.None);
            Assert.True(token.Ok, token.Failure?.ToString());
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_tampered_state_is_refused()
    {
        await using var h = await MastodonHarness.StartAsync();
        var started = await h.Authorizations.StartAsync("ws-1", "user-1", h.Fake.BaseUrl, Redirect, CancellationToken.None);
        var state = started.Value!.State;
        var tampered = state[..^2] + (state[^2] == 'A' ? "B" : "A") + state[^1];
        Assert.Equal(400, Assert.Throws<HeraldProblem>(() => h.Authorizations.Take(tampered, "user-1")).Status);
    }
}
