using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Herald.Data;
using Herald.Inbox;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Inbox;

/// <summary>Contacts: one per person and network, their history, GDPR export and erasure with an audit record.</summary>
public sealed class ContactTests
{
    [Fact]
    public async Task A_person_is_exported_then_erased_leaving_anonymous_counts_and_an_audit_record()
    {
        var time = TestClock.At("2026-11-24T09:00:00Z");
        await using var herald = await HeraldInstance.StartAsync(time);
        var account = await herald.ConnectSandboxAsync("Acme");
        var at = time.GetUtcNow().AddMinutes(-5);
        var maya = new IncomingAuthor("maya.chen", "Maya Chen", "https://example.test/maya.png");
        await herald.Services.GetRequiredService<InboxIngestor>().SavePageAsync(new InboxAccount(account, herald.WorkspaceId, "sandbox"), "events",
            new InboxPage(
                [new IncomingItem(InboxKind.Reply, "r1", maya, "Love it", at, "p1", ParentRemoteId: "p1"), new IncomingItem(InboxKind.Mention, "m1", maya, "@acme hi", at, "m1")],
                [new IncomingEngagement("follow", "f1", maya, null, at), new IncomingEngagement("like", "l1", maya, "p1", at)], "c", false), default);

        var contacts = (await herald.Client.GetFromJsonAsync<JsonArray>("/api/v1/contacts?q=maya"))!;
        var contact = contacts.Single()!.AsObject();
        Assert.True((bool)contact["followsBrand"]!);
        Assert.Equal("https://example.test/maya.png", (string)contact["avatarUrl"]!);
        var id = (string)contact["id"]!;

        var export = (await herald.Client.GetFromJsonAsync<JsonObject>($"/api/v1/contacts/{id}/export"))!;
        Assert.Equal(2, export["items"]!.AsArray().Count);
        Assert.Equal(2, export["engagements"]!.AsArray().Count);

        var viewer = await herald.ClientForRoleAsync(Role.Viewer);
        Assert.Equal(403, (int)(await viewer.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode);
        await HeraldInstance.EnsureAsync(await herald.Client.DeleteAsync($"/api/v1/contacts/{id}"), 200);
        Assert.Empty((await herald.InboxAsync()).Items());
        Assert.Equal(404, (int)(await herald.Client.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
        var engagements = await herald.DbAsync(db => db.Set<EngagementEvent>().ToListAsync());
        Assert.Equal(2, engagements.Count);
        Assert.All(engagements, e => Assert.Null(e.Actor));
        var audit = await herald.DbAsync(db => db.Set<Herald.Contacts.ContactAudit>().OrderBy(a => a.At).ThenBy(a => a.Action).Select(a => a.Action).ToListAsync());
        Assert.Equal(["erase", "export"], audit.Order());
    }
}
