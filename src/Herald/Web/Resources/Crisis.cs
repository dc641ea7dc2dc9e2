namespace Herald.Web.Resources;

/// <summary>Marker for the crisis and notification pages' strings: Crisis.resx (English) and Crisis.fr.resx (French).</summary>
public sealed class Crisis;
