namespace Herald.Web.Resources;

/// <summary>Marker for the Links page's strings: Links.resx (English) and Links.fr.resx (French).</summary>
public sealed class Links;
