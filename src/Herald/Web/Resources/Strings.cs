namespace Herald.Web.Resources;

/// <summary>Marker for the pages' strings: Strings.resx (English) and Strings.fr.resx (French).</summary>
public sealed class Strings;
