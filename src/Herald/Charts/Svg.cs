using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Herald.Charts;

/// <summary>The pieces every chart writes the same way: the opening tag with its title, numbers, escaping and the closing text alternative.</summary>
internal static class Svg
{
    /// <summary>Labels and titles come from users and networks: always escaped, whether the SVG sits in a page or in a report.</summary>
    public static string Esc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A coordinate, culture-free and short.</summary>
    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string F2(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Opens an inline SVG: a title for screen readers and tooltips, no script and no external reference, so the pages'
    /// CSP allows it and Chromium prints it. Its size comes from CSS (<c>.chart</c>: full width, height from the view box).
    /// </summary>
    public static StringBuilder Open(string title, int width, int height, string cssClass)
    {
        var sb = new StringBuilder();
        sb.Append("<svg class=\"chart");
        if (cssClass.Length > 0)
        {
            sb.Append(' ').Append(cssClass);
        }
        return sb.Append("\" role=\"img\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
            .Append("\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\"><title>").Append(Esc(title)).Append("</title>");
    }

    /// <summary>Closes the SVG after the figures as text, for screen readers and for anyone who wants the numbers.</summary>
    public static HtmlString Close(StringBuilder sb, IReadOnlyList<ChartPoint> points, Func<double?, string> valueText)
    {
        sb.Append("<desc>").Append(Esc(string.Join("; ", points.Select(p => $"{p.Label}: {valueText(p.Value)}")))).Append("</desc></svg>");
        return new HtmlString(sb.ToString());
    }

    public static HtmlString Close(StringBuilder sb) => new(sb.Append("</svg>").ToString());
}
