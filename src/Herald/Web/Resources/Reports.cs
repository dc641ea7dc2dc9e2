namespace Herald.Web.Resources;

/// <summary>Marker for the Reports pages' strings: Reports.resx (English) and Reports.fr.resx (French).</summary>
public sealed class Reports;
