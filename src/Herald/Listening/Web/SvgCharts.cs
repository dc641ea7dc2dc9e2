using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Herald.Listening.Web;

/// <summary>Small charts drawn on the server as SVG (no script, CSP-friendly); every label is HTML-encoded.</summary>
internal static class SvgCharts
{
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Horizontal bars with a label and a value text each.</summary>
    public static HtmlString Bars(IReadOnlyList<(string Label, double Value, string Text)> rows, string title)
    {
        const int width = 560, row = 28, labelWidth = 150, textWidth = 70;
        var max = rows.Count == 0 ? 1 : Math.Max(rows.Max(r => r.Value), 1e-9);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {Math.Max(row, rows.Count * row)}\" width=\"100%\"><title>{WebUtility.HtmlEncode(title)}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value, text) = rows[i];
            var w = (width - labelWidth - textWidth) * value / max;
            var y = i * row;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 18}\" font-size=\"13\">{WebUtility.HtmlEncode(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 5}\" width=\"{N(w)}\" height=\"18\" rx=\"3\" fill=\"{(i == 0 ? "#4338ca" : "#a5b4fc")}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(labelWidth + w + 6)}\" y=\"{y + 18}\" font-size=\"12\">{WebUtility.HtmlEncode(text)}</text>");
        }
        return new HtmlString(sb.Append("</svg>").ToString());
    }

    /// <summary>Vertical bars over time (one per bucket), with the first and last bucket labelled.</summary>
    public static HtmlString Columns(IReadOnlyList<(string Label, double Value)> points, string title)
    {
        const int width = 560, height = 140, bottom = 20;
        var max = points.Count == 0 ? 1 : Math.Max(points.Max(p => p.Value), 1);
        var step = points.Count == 0 ? width : (double)width / points.Count;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\"><title>{WebUtility.HtmlEncode(title)}</title>");
        for (var i = 0; i < points.Count; i++)
        {
            var h = (height - bottom - 4) * points[i].Value / max;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(i * step + 1)}\" y=\"{N(height - bottom - h)}\" width=\"{N(Math.Max(step - 2, 1))}\" height=\"{N(h)}\" fill=\"#6366f1\"><title>{WebUtility.HtmlEncode(points[i].Label)}: {N(points[i].Value)}</title></rect>");
        }
        if (points.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{height - 4}\" font-size=\"11\">{WebUtility.HtmlEncode(points[0].Label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{height - 4}\" font-size=\"11\" text-anchor=\"end\">{WebUtility.HtmlEncode(points[^1].Label)}</text>");
        }
        return new HtmlString(sb.Append("</svg>").ToString());
    }
}
