namespace Herald.Web.Resources;

/// <summary>Marker for the feed reader's and reading list's strings: Curation.resx (English) and Curation.fr.resx (French).</summary>
public sealed class Curation;
