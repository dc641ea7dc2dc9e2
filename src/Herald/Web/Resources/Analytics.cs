namespace Herald.Web.Resources;

/// <summary>Marker for the analytics pages' strings: Analytics.resx (English) and Analytics.fr.resx (French).</summary>
public sealed class Analytics;
