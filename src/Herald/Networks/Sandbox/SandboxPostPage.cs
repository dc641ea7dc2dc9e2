using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Herald.Data;

namespace Herald.Networks.Sandbox;

/// <summary>The tiny public page of a Sandbox post. Everything from users or the simulation is HTML-encoded.</summary>
internal static class SandboxPostPage
{
    public const string Banner = "Sandbox — simulated network, not a real post";

    /// <summary>Only inline styles: the page runs no script and loads nothing.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}"
        + ".banner{background:#fff3cd;border:1px solid #e0c060;padding:.5rem .75rem;border-radius:.4rem;font-weight:600}"
        + "article,.reply{border:1px solid #ddd;border-radius:.4rem;padding:.75rem;margin:1rem 0}"
        + ".who{color:#555;font-size:.9rem}.text{white-space:pre-wrap;font-size:1.1rem}.stats{color:#555;font-size:.9rem}";

    public static string Render(SandboxPost post, string? authorName, string? authorHandle, SandboxPostMetrics metrics, IReadOnlyList<SandboxEvent> replies)
    {
        var sb = new StringBuilder(2048);
        Open(sb, "Sandbox post (simulated)");
        sb.Append("<article><div class=\"who\">").Append(E(authorName ?? "Sandbox account"));
        if (authorHandle is not null)
        {
            sb.Append(" · @").Append(E(authorHandle));
        }
        sb.Append(" · ").Append(E(When(post.CreatedAt))).Append("</div>");
        if (post.ReplyToId is not null)
        {
            sb.Append("<div class=\"who\">In reply to <a href=\"").Append(E(SandboxConnector.UrlOf(post.ReplyToId))).Append("\">an earlier post</a></div>");
        }
        sb.Append("<p class=\"text\">").Append(E(post.Text)).Append("</p>");
        if (post.MediaCount > 0)
        {
            sb.Append("<div class=\"who\">").Append(post.MediaCount).Append(" media attached (not shown)</div>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"stats\">{metrics.Likes} likes · {metrics.Reposts} reposts · {metrics.Replies} replies · {metrics.Quotes} quotes · about {metrics.Impressions} views</div>");
        sb.Append("</article>");
        if (replies.Count > 0)
        {
            sb.Append("<h2>Replies so far</h2>");
            foreach (var reply in replies)
            {
                sb.Append("<div class=\"reply\"><div class=\"who\">").Append(E(reply.AuthorName)).Append(" · @").Append(E(reply.AuthorHandle))
                    .Append(" · ").Append(E(When(reply.OccursAt))).Append("</div><p class=\"text\"");
                if (reply.Lang is not null)
                {
                    sb.Append(" lang=\"").Append(E(reply.Lang)).Append('"');
                }
                sb.Append('>').Append(E(reply.Text ?? "")).Append("</p></div>");
            }
        }
        return Close(sb);
    }

    public static string NotFound(bool deleted)
    {
        var sb = new StringBuilder(1024);
        Open(sb, "Sandbox post not found");
        sb.Append("<p>").Append(deleted ? "This Sandbox post was deleted." : "There is no Sandbox post here.").Append("</p>");
        return Close(sb);
    }

    private static void Open(StringBuilder sb, string title) =>
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(E(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body><div class=\"banner\" role=\"note\">").Append(E(Banner)).Append("</div>");

    private static string Close(StringBuilder sb) => sb.Append("</body></html>").ToString();

    private static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => Html.Encode(text);
}
