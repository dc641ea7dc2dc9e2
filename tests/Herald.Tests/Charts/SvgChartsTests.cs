using System.Xml.Linq;
using Herald.Charts;
using Microsoft.AspNetCore.Html;

namespace Herald.Tests.Charts;

/// <summary>The one chart module the pages and the reports share: hostile labels stay text, and no chart can load or run anything.</summary>
public sealed class SvgChartsTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string Attribute = "\" onload=\"x";

    private static readonly ChartPoint[] Hostile = [new(Script, 3), new(Attribute, 5), new("a & b", null)];

    public static TheoryData<string> Kinds => ["line", "page bars", "daily bars", "dense bars", "shares", "heatmap"];

    private static string Render(string kind) => kind switch
    {
        "line" => Html(SvgCharts.Line(Script, Hostile)),
        "page bars" => Html(SvgCharts.Bars(Attribute, Hostile)),
        "daily bars" => SvgCharts.Bars(Script, Hostile, BarStyle.Daily).Value!,
        "dense bars" => SvgCharts.Bars(Attribute, Hostile, BarStyle.Dense).Value!,
        "shares" => SvgCharts.Shares(Script, [(Script, 2, Attribute), (Attribute, 1, Script)]).Value!,
        "heatmap" => Html(SvgCharts.Heatmap(Attribute, [Script, Attribute], (r, h) => (h, h % 2 == 0, r == 0 ? Script : Attribute))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Html(IHtmlContent content) => ((HtmlString)content).Value!;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Hostile_labels_and_titles_are_escaped_text_and_nothing_can_run_or_load(string kind)
    {
        var svg = Render(kind);

        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Attribute, svg, StringComparison.Ordinal); // the quote would have closed an attribute
        Assert.Contains(kind is "line" or "daily bars" or "shares" ? "&lt;script&gt;alert(1)&lt;/script&gt;" : "&quot; onload=&quot;x", svg);

        // Well-formed SVG whose every attribute is one of the drawing's own: no handler, no link, no style that could fetch.
        var root = XElement.Parse(svg);
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.NotNull(root.Element(root.GetDefaultNamespace() + "title"));
        var names = root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Select(a => a.Name.LocalName).ToHashSet();
        Assert.DoesNotContain(names, n => n.StartsWith("on", StringComparison.OrdinalIgnoreCase) || n is "href" or "src" or "style");
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "foreignObject" or "image" or "use" or "a" or "style");

        // The hostile strings come back out of the parsed document as the text they were.
        var texts = root.Descendants().Where(e => !e.HasElements).Select(e => e.Value).ToList();
        Assert.Contains(texts, t => t.Contains(Script, StringComparison.Ordinal) || t.Contains(Attribute, StringComparison.Ordinal));
    }

    [Fact]
    public void A_daily_chart_labels_at_most_fifteen_days_and_keeps_every_bar_with_its_tooltip()
    {
        var days = Enumerable.Range(1, 31).Select(d => new ChartPoint($"12-{d:00}", d)).ToList();

        var root = XElement.Parse(SvgCharts.Bars("Clicks", days, BarStyle.Daily).Value!);
        var ns = root.GetDefaultNamespace();

        Assert.Equal(31, root.Elements(ns + "rect").Count());
        Assert.Equal("12-05: 5", root.Elements(ns + "rect").ElementAt(4).Element(ns + "title")!.Value);
        var labels = root.Elements(ns + "text").Select(t => t.Value).Where(v => v.StartsWith("12-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["12-01", "12-04", "12-07", "12-10", "12-13", "12-16", "12-19", "12-22", "12-25", "12-28", "12-31"], labels);
        Assert.Equal(["0", "16", "31"], root.Elements(ns + "text").Select(t => t.Value).Where(v => !v.StartsWith("12-", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_chart_of_rates_below_one_still_fills_its_height()
    {
        var root = XElement.Parse(Html(SvgCharts.Bars("Rate", [new("a", 0.02), new("b", 0.04)])));
        var ns = root.GetDefaultNamespace();

        var heights = root.Elements(ns + "rect").Select(r => double.Parse((string)r.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(134, heights[1]); // 180 high, less 16 above and 30 below the plot
        Assert.Equal(67, heights[0]);
    }
}
