using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using static Herald.Charts.Svg;

namespace Herald.Charts;

/// <summary>
/// Charts rendered on the server as inline SVG, for the pages and the reports alike: no script (the CSP allows none inline),
/// no external reference, readable without CSS, each with a title and a text alternative; every label is escaped.
/// </summary>
internal static class SvgCharts
{
    private const int Width = 720;
    private const int Pad = 36;

    /// <summary>A line chart of one series (missing values break the line), with the first, middle and last labels.</summary>
    public static IHtmlContent Line(string title, IReadOnlyList<ChartPoint> points, int height = 180, string cssClass = "chart-line")
    {
        var sb = Open(title, Width, height, cssClass);
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var max = values.Count == 0 ? 1 : Math.Max(1e-9, values.Max());
        var plotH = height - 30;
        double X(int i) => Pad + (points.Count <= 1 ? 0 : (double)i * (Width - (2 * Pad)) / (points.Count - 1));
        double Y(double v) => 8 + plotH - 8 - (v / max * (plotH - 16));
        Baseline(sb, Pad, Width - Pad, plotH, Format(max));
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
            Label(sb, X(i), height - 6, "middle", points[i].Label);
        }
        return Close(sb, points, Format);
    }

    /// <summary>A vertical bar chart in the analytics pages' look: one bar per point, every label shown.</summary>
    public static IHtmlContent Bars(string title, IReadOnlyList<ChartPoint> points, int height = 180, string cssClass = "chart-bars") =>
        Bars(title, points, BarStyle.Page(height, cssClass));

    /// <summary>A vertical bar chart, one bar per point, laid out by <paramref name="style"/>.</summary>
    public static HtmlString Bars(string title, IReadOnlyList<ChartPoint> points, BarStyle style)
    {
        var (width, height) = (style.Width, style.Height);
        var (left, right, top, bottom) = style.Margin;
        var sb = Open(title, width, height, style.CssClass);
        var max = Math.Max(style.Floor, points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max());
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var baseY = height - bottom;
        switch (style.Scale)
        {
            case BarScale.Baseline:
                Baseline(sb, left, width - right, baseY, style.ValueText(max));
                break;
            case BarScale.Grid:
                foreach (var f in new[] { 0.0, 0.5, 1.0 })
                {
                    var y = baseY - (f * plotH);
                    sb.Append("<line x1=\"").Append(left).Append("\" x2=\"").Append(width - right).Append("\" y1=\"").Append(F(y)).Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"#e3e6ea\"/>");
                    sb.Append("<text x=\"").Append(left - 6).Append("\" y=\"").Append(F(y + 4)).Append("\" font-size=\"11\" text-anchor=\"end\">").Append(Esc(style.ValueText(max * f))).Append("</text>");
                }
                break;
        }
        var slot = points.Count == 0 ? 0 : (double)plotW / points.Count;
        var inset = (slot * style.Inset.Share) + style.Inset.Units;
        var barW = Math.Max(slot - (2 * inset), 1);
        var labelEvery = style.Labels == BarLabels.Spaced ? Math.Max(1, (int)Math.Ceiling(points.Count / 15.0)) : 1;
        for (var i = 0; i < points.Count; i++)
        {
            var h = (points[i].Value ?? 0) / max * plotH;
            var x = left + (i * slot) + inset;
            sb.Append("<rect class=\"bar\" fill=\"currentColor\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(baseY - h)).Append("\" width=\"").Append(F(barW))
                .Append("\" height=\"").Append(F(h)).Append("\"><title>").Append(Esc(points[i].Label)).Append(": ").Append(Esc(style.ValueText(points[i].Value))).Append("</title></rect>");
            if (style.Labels != BarLabels.Ends && i % labelEvery == 0)
            {
                Label(sb, x + (barW / 2), height - style.LabelRise, "middle", points[i].Label);
            }
        }
        if (style.Labels == BarLabels.Ends && points.Count > 0)
        {
            Label(sb, 0, height - style.LabelRise, "start", points[0].Label);
            Label(sb, width, height - style.LabelRise, "end", points[^1].Label);
        }
        return Close(sb, points, style.ValueText);
    }

    /// <summary>Horizontal bars, one row each with its label and a value text; the first (the leader) stands out.</summary>
    public static HtmlString Shares(string title, IReadOnlyList<(string Label, double Value, string Text)> rows)
    {
        const int width = 560, row = 28, labelWidth = 150, textWidth = 70;
        var max = rows.Count == 0 ? 1 : Math.Max(rows.Max(r => r.Value), 1e-9);
        var sb = Open(title, width, Math.Max(row, rows.Count * row), "chart-shares");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value, text) = rows[i];
            var w = (width - labelWidth - textWidth) * value / max;
            var y = i * row;
            sb.Append("<text x=\"0\" y=\"").Append(y + 18).Append("\" font-size=\"13\">").Append(Esc(label)).Append("</text>");
            sb.Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 5).Append("\" width=\"").Append(F(w)).Append("\" height=\"18\" rx=\"3\" fill=\"")
                .Append(i == 0 ? "#4338ca" : "#a5b4fc").Append("\"/>");
            sb.Append("<text x=\"").Append(F(labelWidth + w + 6)).Append("\" y=\"").Append(y + 18).Append("\" font-size=\"12\">").Append(Esc(text)).Append("</text>");
        }
        return Close(sb);
    }

    /// <summary>A weekday × hour heatmap: darker is better; cells without enough posts are hatched grey.</summary>
    public static IHtmlContent Heatmap(string title, IReadOnlyList<string> rowLabels, Func<int, int, (double? Value, bool Enough, string Tip)> cell)
    {
        const int cw = 26, ch = 22, left = 90, top = 20;
        var sb = Open(title, left + (24 * cw) + 4, top + (rowLabels.Count * ch) + 8, "chart-heat");
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
            Label(sb, left + (h * cw) + (cw / 2), 14, "middle", h.ToString("00", CultureInfo.InvariantCulture));
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
        return Close(sb);
    }

    /// <summary>A value as the pages write it: grouped digits from 100, two decimals below, "—" when missing.</summary>
    public static string Format(double? v) => v is { } x ? (Math.Abs(x) >= 100 ? x.ToString("N0", CultureInfo.CurrentCulture) : x.ToString("0.##", CultureInfo.CurrentCulture)) : "—";

    private static void Baseline(StringBuilder sb, int x1, int x2, double y, string maxText)
    {
        sb.Append("<line x1=\"").Append(x1).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(x2).Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"#d0d5dd\"/>");
        sb.Append("<text x=\"2\" y=\"14\" font-size=\"11\">").Append(Esc(maxText)).Append("</text>");
    }

    private static void Label(StringBuilder sb, double x, int y, string anchor, string text) =>
        sb.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(y).Append("\" text-anchor=\"").Append(anchor).Append("\" font-size=\"11\">").Append(Esc(text)).Append("</text>");
}
