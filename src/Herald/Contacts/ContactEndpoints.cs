using Herald.Inbox;

namespace Herald.Contacts;

/// <summary>/api/v1/contacts: people who interact with the brand, their history, GDPR export and erasure.</summary>
public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/contacts").RequireAuthorization().WithTags("Contacts");

        api.MapGet("", async (string? q, string? network, ContactService contacts, CancellationToken ct) =>
            await contacts.ListAsync(q, network, ct));

        api.MapGet("/{id}", async (string id, ContactService contacts, CancellationToken ct) =>
            Results.Ok(await contacts.GetAsync(id, ct)));

        api.MapPatch("/{id}", async (string id, ContactPatch body, ContactService contacts, CancellationToken ct) =>
            Results.Ok(await contacts.SetTagsAsync(id, body.Tags, ct)));

        api.MapPost("/{id}/notes", async (string id, NoteRequest body, ContactService contacts, CancellationToken ct) =>
            Results.Created($"/api/v1/contacts/{id}", await contacts.AddNoteAsync(id, body.Text, ct)));

        // GDPR access request: everything Herald holds about the person, as JSON; recorded in the audit trail.
        api.MapGet("/{id}/export", async (string id, ContactService contacts, CancellationToken ct) =>
            Results.Json(await contacts.ExportAsync(id, ct), HeraldJson.Options, contentType: "application/json"));

        // GDPR erasure: items, notes and the profile are deleted; likes, reposts and follows stay as anonymous counts.
        api.MapDelete("/{id}", async (string id, ContactService contacts, CancellationToken ct) =>
        {
            var e = await contacts.EraseAsync(id, ct);
            return Results.Ok(new { erased = e.Erased, items = e.Items, notes = e.Notes, anonymizedEngagements = e.AnonymizedEngagements });
        });
        return app;
    }
}

/// <summary>A change to a contact's tags.</summary>
public sealed record ContactPatch(List<string>? Tags);

/// <summary>Something the person said to the brand.</summary>
public sealed record ContactInteraction(string ItemId, string Kind, string Text, string? Url, DateTimeOffset OccurredAt);

/// <summary>A like, repost or follow by the person.</summary>
public sealed record ContactEngagement(string Kind, string? SubjectRemoteId, DateTimeOffset OccurredAt);

/// <summary>A contact with the whole history of their interactions with the brand.</summary>
public sealed record ContactHistory(Contact Contact, IReadOnlyList<ContactInteraction> Items, IReadOnlyList<ContactEngagement> Engagements, IReadOnlyList<InboxNoteDto> Notes);
