namespace Herald.Charts;

/// <summary>One labelled value of a chart; a missing value is drawn as a gap (line) or an empty bar, and written "—".</summary>
public sealed record ChartPoint(string Label, double? Value);
