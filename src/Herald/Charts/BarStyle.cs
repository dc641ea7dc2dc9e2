using System.Globalization;

namespace Herald.Charts;

/// <summary>Which category labels a bar chart writes under its bars.</summary>
internal enum BarLabels
{
    /// <summary>Every bar's label (few bars: content types, hours).</summary>
    All,

    /// <summary>At most about fifteen, evenly spaced (a day per bar over weeks or months).</summary>
    Spaced,

    /// <summary>The first and the last, at the chart's edges (many narrow bars: hours over two days).</summary>
    Ends,
}

/// <summary>What a bar chart draws behind its bars to give a scale.</summary>
internal enum BarScale
{
    None,

    /// <summary>A base line and the largest value written at the top left.</summary>
    Baseline,

    /// <summary>Grid lines at 0, half and the largest value, each written at the left.</summary>
    Grid,
}

/// <summary>
/// How a vertical bar chart is laid out: the same drawing serves the themed pages, the printable report and the compact
/// listening volume, which differ only in these figures. Colours come from CSS (<c>currentColor</c>), so a report carries its own.
/// </summary>
internal sealed record BarStyle
{
    public int Width { get; init; } = 720;

    public int Height { get; init; } = 180;

    /// <summary>The plot area's distance from each edge of the view box; labels and scale sit in the margins.</summary>
    public (int Left, int Right, int Top, int Bottom) Margin { get; init; } = (36, 36, 16, 30);

    /// <summary>Each bar's space on either side within its slot: a share of the slot and a fixed number of units.</summary>
    public (double Share, double Units) Inset { get; init; } = (0.15, 0);

    public BarLabels Labels { get; init; } = BarLabels.All;

    /// <summary>How far above the bottom edge the labels' baseline is.</summary>
    public int LabelRise { get; init; } = 6;

    public BarScale Scale { get; init; } = BarScale.Baseline;

    /// <summary>The smallest top of the scale: 1 for counts (an empty chart reads 0 to 1), tiny for rates below one.</summary>
    public double Floor { get; init; } = 1e-9;

    /// <summary>How a value is written in tooltips, the scale and the text alternative.</summary>
    public Func<double?, string> ValueText { get; init; } = SvgCharts.Format;

    public string CssClass { get; init; } = "chart-bars";

    /// <summary>The analytics pages' bars: every label, a base line, values in the reader's culture.</summary>
    public static BarStyle Page(int height, string cssClass) => new() { Height = height, CssClass = cssClass };

    /// <summary>A count per day, printable on A4 and readable on a link's page: grid lines and a label every few days.</summary>
    public static readonly BarStyle Daily = new()
    {
        Width = 900,
        Height = 220,
        Margin = (44, 8, 10, 28),
        Labels = BarLabels.Spaced,
        LabelRise = 8,
        Scale = BarScale.Grid,
        Floor = 1,
        ValueText = v => (v ?? 0).ToString("0", CultureInfo.InvariantCulture),
        CssClass = "chart-daily",
    };

    /// <summary>Many narrow bars close together (a count per hour), the first and last labelled, no scale.</summary>
    public static readonly BarStyle Dense = new()
    {
        Width = 560,
        Height = 140,
        Margin = (0, 0, 4, 20),
        Inset = (0, 1),
        Labels = BarLabels.Ends,
        LabelRise = 4,
        Scale = BarScale.None,
        Floor = 1,
        ValueText = v => Svg.F(v ?? 0),
        CssClass = "chart-dense",
    };
}
