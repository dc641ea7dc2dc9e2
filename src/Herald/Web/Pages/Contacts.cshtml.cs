using Herald.Contacts;

namespace Herald.Web.Pages;

/// <summary>Contacts: the people who talk to the brand, with a search over handle and display name.</summary>
public sealed class ContactsModel(ContactService contacts) : HeraldPageModel
{
    public string? Q { get; private set; }
    public IReadOnlyList<Contact> Contacts { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = q;
        Contacts = await contacts.ListAsync(q, null, ct);
    }
}
