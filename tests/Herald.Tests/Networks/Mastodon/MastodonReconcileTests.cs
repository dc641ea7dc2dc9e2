using Herald.Networks;
using Herald.Networks.Mastodon;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Networks.Mastodon;

/// <summary>Finding a status an attempt created when its answer was lost, and deleting statuses (against the fake Mastodon).</summary>
public sealed class MastodonReconcileTests
{
    [Fact]
    public async Task A_status_whose_answer_was_lost_is_found()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        var part = MastodonHarness.Part("Hi @Gargron@mastodon.social, read https://example.com/a/rather/long/path/to/an/article?x=1&y=2\n\nSee you <3");
        h.Fake.FailNext("POST", "/api/v1/statuses", FakeMastodonFault.DropsResponse);

        var published = await h.Connector.PublishAsync(context, part, null, CancellationToken.None);
        var found = await h.Connector.FindAsync(context, part, CancellationToken.None);

        Assert.Equal(FailureKind.UnknownOutcome, published.Failure!.Kind);
        Assert.Equal(LookupOutcome.Found, found.Value!.Outcome);
        Assert.Equal(h.Fake.Statuses[^1]["id"]!.GetValue<string>(), found.Value.Post!.RemoteId);
        Assert.EndsWith(found.Value.Post.RemoteId, found.Value.Post.Url, StringComparison.Ordinal);
        var lookup = h.Fake.RequestsTo("GET", $"/api/v1/accounts/{h.Fake.AccountId}/statuses").Single();
        Assert.Equal("?limit=40&exclude_replies=false", lookup.Query);
    }

    [Fact]
    public async Task A_part_never_created_is_not_found()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        await h.Connector.PublishAsync(context, MastodonHarness.Part("Something else"), null, CancellationToken.None);

        var found = await h.Connector.FindAsync(context, MastodonHarness.Part("Never sent"), CancellationToken.None);

        Assert.Equal(LookupOutcome.NotFound, found.Value!.Outcome);
    }

    [Fact]
    public async Task An_older_status_with_the_same_text_is_not_taken_for_the_part()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();

        // The documentation's status "Hello world" dates from 2016.
        var found = await h.Connector.FindAsync(context, MastodonHarness.Part("Hello world"), CancellationToken.None);

        Assert.Equal(LookupOutcome.NotFound, found.Value!.Outcome);
    }

    [Fact]
    public void Status_html_reads_as_the_text_that_was_sent()
    {
        const string html = "<p>Hi <span class=\"h-card\"><a href=\"https://mastodon.social/@Gargron\" class=\"u-url mention\">@<span>Gargron</span></a></span> &amp; all,"
            + " <a href=\"https://example.com/a/rather/long\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">example.com/a/rat</span>"
            + "<span class=\"invisible\">her/long</span></a></p><p>line<br />two &lt;3 &#39;ok&#39;</p>";

        Assert.Equal("Hi @Gargron & all, https://example.com/a/rather/long line two <3 'ok'", MastodonText.FromHtml(html));
        Assert.Equal(MastodonText.FromHtml(html), MastodonText.FromSource("Hi @Gargron@mastodon.social & all, https://example.com/a/rather/long\n\nline\ntwo <3 'ok'"));
        Assert.Equal("mail a@trwnh.com", MastodonText.FromSource("mail a@trwnh.com"));
    }

    [Fact]
    public async Task Deleting_a_status_removes_it()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();
        var post = (await h.Connector.PublishAsync(context, MastodonHarness.Part("Short-lived"), null, CancellationToken.None)).Value!;

        var deleted = await h.Connector.DeleteAsync(context, post.RemoteId, CancellationToken.None);

        Assert.True(deleted.Ok, deleted.Failure?.ToString());
        Assert.DoesNotContain(h.Fake.Statuses, s => s["id"]!.GetValue<string>() == post.RemoteId);
        Assert.Single(h.Fake.RequestsTo("DELETE", $"/api/v1/statuses/{post.RemoteId}"));
    }

    [Fact]
    public async Task Deleting_a_status_already_gone_succeeds()
    {
        await using var h = await MastodonHarness.StartAsync();
        var context = await h.ContextAsync();

        var deleted = await h.Connector.DeleteAsync(context, "999", CancellationToken.None);

        Assert.True(deleted.Ok, deleted.Failure?.ToString());
        Assert.True(deleted.Value);
    }
}
