namespace Herald.Web.Resources;

/// <summary>Marker for the inbox pages' strings: Inbox.resx (English) and Inbox.fr.resx (French).</summary>
public sealed class Inbox;
