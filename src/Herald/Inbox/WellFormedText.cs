namespace Herald.Inbox;

/// <summary>
/// Replaces lone UTF-16 surrogates in what a network sent with U+FFFD, before anything is saved. A JSON decoder can
/// hand .NET half of a surrogate pair (an escaped "\ud800" is valid JSON), but such a string has no UTF-8 form: the
/// writer on SQLite would turn it into U+FFFD in its JSON rows anyway, and Npgsql refuses to send it, which would fail the
/// whole page on every poll. Replacing it once here stores the same text on both databases and keeps the rest of the page.
/// </summary>
public static class WellFormedText
{
    /// <summary>The page with every text of its items and engagement well formed; the same instance when it already is.</summary>
    public static InboxPage Of(InboxPage page)
    {
        if (page.Items.All(IsWellFormed) && page.Engagements.All(IsWellFormed))
        {
            return page;
        }
        return page with { Items = page.Items.Select(Fix).ToList(), Engagements = page.Engagements.Select(Fix).ToList() };
    }

    /// <summary>The text with each lone surrogate replaced by U+FFFD; the same instance when it has none.</summary>
    public static string? Fix(string? text)
    {
        if (text is null || !HasLoneSurrogate(text))
        {
            return text;
        }
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                {
                    span[i] = c;
                    span[i + 1] = source[i + 1];
                    i++;
                }
                else
                {
                    span[i] = char.IsSurrogate(c) ? '\uFFFD' : c;
                }
            }
        });
    }

    private static bool HasLoneSurrogate(string text)
    {
        var span = text.AsSpan();
        // Most text has no surrogate at all: one vectorised scan, and nothing else.
        for (var i = span.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWellFormed(IncomingAuthor a) => !HasLone(a.Handle) && !HasLone(a.Name) && !HasLone(a.AvatarUrl);

    private static bool IsWellFormed(IncomingItem i) => IsWellFormed(i.Author) && !HasLone(i.RemoteId) && !HasLone(i.Text)
        && !HasLone(i.ConversationKey) && !HasLone(i.Url) && !HasLone(i.Cid) && !HasLone(i.ParentRemoteId) && !HasLone(i.ParentCid)
        && !HasLone(i.RootRemoteId) && !HasLone(i.RootCid) && !HasLone(i.Language);

    private static bool IsWellFormed(IncomingEngagement e) => IsWellFormed(e.Actor) && !HasLone(e.RemoteId) && !HasLone(e.SubjectRemoteId) && !HasLone(e.Kind);

    private static bool HasLone(string? text) => text is not null && HasLoneSurrogate(text);

    private static IncomingAuthor Fix(IncomingAuthor a) => new(Fix(a.Handle)!, Fix(a.Name), Fix(a.AvatarUrl));

    private static IncomingItem Fix(IncomingItem i) => i with
    {
        RemoteId = Fix(i.RemoteId)!, Author = Fix(i.Author), Text = Fix(i.Text)!, ConversationKey = Fix(i.ConversationKey)!,
        Url = Fix(i.Url), Cid = Fix(i.Cid), ParentRemoteId = Fix(i.ParentRemoteId), ParentCid = Fix(i.ParentCid),
        RootRemoteId = Fix(i.RootRemoteId), RootCid = Fix(i.RootCid), Language = Fix(i.Language),
    };

    private static IncomingEngagement Fix(IncomingEngagement e) => e with
    {
        Kind = Fix(e.Kind)!, RemoteId = Fix(e.RemoteId)!, Actor = Fix(e.Actor), SubjectRemoteId = Fix(e.SubjectRemoteId),
    };
}
