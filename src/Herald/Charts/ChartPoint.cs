namespace Herald.Charts;

/// <summary>One labelled value of a chart; a missing value breaks a line and leaves a bar empty.</summary>
public sealed record ChartPoint(string Label, double? Value);
