namespace Herald.Web.Resources;

/// <summary>Marker for the listening pages' strings: Listening.resx (English) and Listening.fr.resx (French).</summary>
public sealed class Listening;
