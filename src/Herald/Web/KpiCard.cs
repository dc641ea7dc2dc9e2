namespace Herald.Web;

/// <summary>One KPI tile: its label, its value as shown, and its change against the previous period in percent.</summary>
public sealed record KpiCard(string Label, string Value, double? Change);
