using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Herald.Web;

/// <summary>One labelled value of a chart.</summary>
public sealed record ChartPoint(string Label, double? Value);

/// <summary>
/// Charts rendered on the server as inline SVG: no script (the CSP allows none inline), readable without CSS, each with a
/// title and a text alternative for screen readers.
/// </summary>
public static class SvgCharts
{
    private const int Width = 720;
    private const int Pad = 36;

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A line chart of one series (missing values break the line), with the first, middle and last labels.</summary>
    public static IHtmlContent Line(string title, IReadOnlyList<ChartPoint> points, int height = 180, string cssClass = "chart-line")
    {
        var sb = Open(title, height, cssClass);
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var max = values.Count == 0 ? 1 : Math.Max(1e-9, values.Max());
        var plotH = height - 30;
        double X(int i) => Pad + (points.Count <= 1 ? 0 : (double)i * (Width - (2 * Pad)) / (points.Count - 1));
        double Y(double v) => 8 + plotH - 8 - (v / max * (plotH - 16));
        Axis(sb, plotH, max);
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
            {
                pen = false;
                continue;
            }
            path.Append(pen ? " L" : " M").Append(F(X(i))).Append(',').Append(F(Y(v)));
            pen = true;
        }
        sb.Append("<path class=\"series\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" d=\"").Append(path).Append("\"/>");
        foreach (var i in new[] { 0, points.Count / 2, points.Count - 1 }.Where(i => i >= 0 && i < points.Count).Distinct())
        {
            sb.Append("<text x=\"").Append(F(X(i))).Append("\" y=\"").Append(height - 6).Append("\" text-anchor=\"middle\" font-size=\"11\">").Append(Esc(points[i].Label)).Append("</text>");
        }
        return Close(sb, points);
    }

    /// <summary>A vertical bar chart, one bar per point, every label shown.</summary>
    public static IHtmlContent Bars(string title, IReadOnlyList<ChartPoint> points, int height = 180, string cssClass = "chart-bars")
    {
        var sb = Open(title, height, cssClass);
        var max = Math.Max(1e-9, points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max());
        var plotH = height - 30;
        Axis(sb, plotH, max);
        var slot = points.Count == 0 ? 0 : (double)(Width - (2 * Pad)) / points.Count;
        for (var i = 0; i < points.Count; i++)
        {
            var v = points[i].Value ?? 0;
            var h = v / max * (plotH - 16);
            var x = Pad + (i * slot) + (slot * 0.15);
            sb.Append("<rect class=\"bar\" fill=\"currentColor\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(plotH - h)).Append("\" width=\"").Append(F(slot * 0.7))
                .Append("\" height=\"").Append(F(h)).Append("\"><title>").Append(Esc(points[i].Label)).Append(": ").Append(Esc(Format(points[i].Value))).Append("</title></rect>");
            sb.Append("<text x=\"").Append(F(x + (slot * 0.35))).Append("\" y=\"").Append(height - 6).Append("\" text-anchor=\"middle\" font-size=\"11\">").Append(Esc(points[i].Label)).Append("</text>");
        }
        return Close(sb, points);
    }

    /// <summary>A weekday × hour heatmap: darker is better; cells without enough posts are hatched grey.</summary>
    public static IHtmlContent Heatmap(string title, IReadOnlyList<string> rowLabels, Func<int, int, (double? Value, bool Enough, string Tip)> cell)
    {
        const int cw = 26, ch = 22, left = 90, top = 20;
        var height = top + (rowLabels.Count * ch) + 8;
        var sb = new StringBuilder();
        sb.Append("<svg class=\"chart chart-heat\" role=\"img\" viewBox=\"0 0 ").Append(left + (24 * cw) + 4).Append(' ').Append(height)
            .Append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").Append(Esc(title)).Append("</title>");
        var max = 0.0;
        for (var r = 0; r < rowLabels.Count; r++)
        {
            for (var h = 0; h < 24; h++)
            {
                max = Math.Max(max, cell(r, h).Value ?? 0);
            }
        }
        for (var h = 0; h < 24; h += 3)
        {
            sb.Append("<text x=\"").Append(left + (h * cw) + (cw / 2)).Append("\" y=\"14\" text-anchor=\"middle\" font-size=\"11\">").Append(h.ToString("00", CultureInfo.InvariantCulture)).Append("</text>");
        }
        for (var r = 0; r < rowLabels.Count; r++)
        {
            sb.Append("<text x=\"0\" y=\"").Append(top + (r * ch) + 15).Append("\" font-size=\"12\">").Append(Esc(rowLabels[r])).Append("</text>");
            for (var h = 0; h < 24; h++)
            {
                var (value, enough, tip) = cell(r, h);
                var opacity = value is { } v && max > 0 ? 0.12 + (0.88 * v / max) : 0;
                var fill = enough ? $"fill=\"currentColor\" fill-opacity=\"{F2(opacity)}\"" : "fill=\"#e5e7eb\"";
                sb.Append("<rect class=\"").Append(enough ? "cell" : "cell cell-thin").Append("\" x=\"").Append(left + (h * cw)).Append("\" y=\"").Append(top + (r * ch))
                    .Append("\" width=\"").Append(cw - 2).Append("\" height=\"").Append(ch - 2).Append("\" rx=\"3\" ").Append(fill).Append("><title>").Append(Esc(tip)).Append("</title></rect>");
            }
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    private static string F2(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string title, int height, string cssClass)
    {
        var sb = new StringBuilder();
        sb.Append("<svg class=\"chart ").Append(cssClass).Append("\" role=\"img\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\"><title>").Append(Esc(title)).Append("</title>");
        return sb;
    }

    private static void Axis(StringBuilder sb, int plotH, double max)
    {
        sb.Append("<line x1=\"").Append(Pad).Append("\" y1=\"").Append(plotH).Append("\" x2=\"").Append(Width - Pad).Append("\" y2=\"").Append(plotH).Append("\" stroke=\"#d0d5dd\"/>");
        sb.Append("<text x=\"2\" y=\"14\" font-size=\"11\">").Append(Esc(Format(max))).Append("</text>");
    }

    private static HtmlString Close(StringBuilder sb, IReadOnlyList<ChartPoint> points)
    {
        // The figures as text, for screen readers and for anyone who wants the numbers.
        sb.Append("<desc>").Append(Esc(string.Join("; ", points.Select(p => $"{p.Label}: {Format(p.Value)}")))).Append("</desc></svg>");
        return new HtmlString(sb.ToString());
    }

    public static string Format(double? v) => v is { } x ? (Math.Abs(x) >= 100 ? x.ToString("N0", CultureInfo.CurrentCulture) : x.ToString("0.##", CultureInfo.CurrentCulture)) : "—";
}
