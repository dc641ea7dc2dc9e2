using System.Text;
using System.Text.Json;
using Herald.Contacts;
using Herald.Inbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herald.Web.Pages;

/// <summary>One contact: profile, the whole history with the brand, tags and notes, GDPR export and erasure (admins).</summary>
public sealed class ContactModel(ContactService contacts, IStringLocalizer<Resources.Inbox> text) : HeraldPageModel
{
    public ContactHistory History { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        // The contact is found in its own workspace (ContactService): show it under that one, with the role held there.
        if (FollowTo(await Db.Set<Contact>().Where(c => c.Id == id).Select(c => c.WorkspaceId).FirstOrDefaultAsync(ct)) is { } elsewhere)
        {
            return elsewhere;
        }
        History = await contacts.GetAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(string id, string? note, CancellationToken ct)
    {
        try
        {
            await contacts.AddNoteAsync(id, note, ct);
            return Redirect($"/contacts/{Uri.EscapeDataString(id)}");
        }
        catch (HeraldProblem p) when (p.Status == 422)
        {
            Error = p.Detail;
            History = await contacts.GetAsync(id, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostTagsAsync(string id, string? tags, CancellationToken ct)
    {
        await contacts.SetTagsAsync(id, (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ct);
        return Redirect($"/contacts/{Uri.EscapeDataString(id)}");
    }

    /// <summary>The GDPR export as a JSON download (the API's export, the API's role).</summary>
    public async Task<IActionResult> OnGetExportAsync(string id, CancellationToken ct)
    {
        var history = await contacts.ExportAsync(id, ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(history, HeraldJson.Options);
        return File(json, "application/json", $"contact-{history.Contact.Id}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(string id, bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            Error = text["Contact.EraseConfirm"];
            History = await contacts.GetAsync(id, ct);
            return Page();
        }
        await contacts.EraseAsync(id, ct);
        Flash = text["Contact.Erased"];
        return Redirect("/contacts");
    }
}
