using System.Globalization;
using System.Net;
using System.Text;

namespace Herald.Reports;

/// <summary>Server-side SVG bar charts: no script, no external resource, printable, allowed by the pages' CSP.</summary>
public static class SvgChart
{
    public static string Bars(IReadOnlyList<(string Label, double Value)> points, string title, int width = 900, int height = 220)
    {
        var max = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Value));
        const int left = 44, bottom = 28, top = 10;
        var plotW = width - left - 8;
        var plotH = height - bottom - top;
        var step = points.Count == 0 ? plotW : (double)plotW / points.Count;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        foreach (var f in new[] { 0.0, 0.5, 1.0 })
        {
            var y = top + plotH - (f * plotH);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e3e6ea\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5c6370\">{max * f:0}</text>");
        }
        var labelEvery = Math.Max(1, (int)Math.Ceiling(points.Count / 15.0));
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = points[i];
            var h = value / max * plotH;
            var x = left + (i * step) + (step * 0.15);
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{top + plotH - h:0.#}\" width=\"{step * 0.7:0.#}\" height=\"{h:0.#}\" fill=\"#3b5bdb\"><title>{WebUtility.HtmlEncode(label)}: {value:0}</title></rect>");
            if (i % labelEvery == 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (step * 0.35):0.#}\" y=\"{height - 8}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5c6370\">{WebUtility.HtmlEncode(label)}</text>");
            }
        }
        return sb.Append("</svg>").ToString();
    }
}
