using System.Globalization;

namespace Herald.Reports;

/// <summary>A report's words in English and French (the report is a document, rendered outside any page or request culture).</summary>
internal static class ReportText
{
    private static readonly Dictionary<string, (string En, string Fr)> Words = new()
    {
        ["report"] = ("Report", "Rapport"),
        ["period"] = ("Period", "Période"),
        ["previous"] = ("Previous period", "Période précédente"),
        ["generated"] = ("Generated", "Généré le"),
        ["highlights"] = ("Highlights", "Faits marquants"),
        ["kpis"] = ("Key figures", "Indicateurs clés"),
        ["top_posts"] = ("Top posts", "Meilleures publications"),
        ["charts"] = ("Clicks per day", "Clics par jour"),
        ["campaigns"] = ("Campaigns", "Campagnes"),
        ["notes"] = ("Notes", "Notes"),
        ["metric"] = ("Metric", "Indicateur"),
        ["this_period"] = ("This period", "Cette période"),
        ["change"] = ("Change", "Évolution"),
        ["posts"] = ("Posts published", "Publications"),
        ["deliveries"] = ("Deliveries published", "Envois publiés"),
        ["failed"] = ("Failed deliveries", "Envois en échec"),
        ["clicks"] = ("Clicks", "Clics"),
        ["unique"] = ("Unique visitors", "Visiteurs uniques"),
        ["filtered"] = ("Bot and preview requests", "Robots et aperçus"),
        ["conversions"] = ("Conversions", "Conversions"),
        ["conversion_rate"] = ("Conversion rate", "Taux de conversion"),
        ["conversion_value"] = ("Conversion value", "Valeur des conversions"),
        ["engagements"] = ("Engagements", "Interactions"),
        ["engagement_chart"] = ("Engagements per day", "Interactions par jour"),
        ["engagement_rate_follower"] = ("Engagement rate per follower", "Taux d'interaction par abonné"),
        ["engagement_rate_impression"] = ("Engagement rate per impression", "Taux d'interaction par impression"),
        ["impressions"] = ("Impressions", "Impressions"),
        ["reach"] = ("Reach", "Portée"),
        ["followers_end"] = ("Followers at the end", "Abonnés en fin de période"),
        ["click_through_rate"] = ("Click-through rate", "Taux de clic"),
        ["negative_share"] = ("Negative conversations", "Conversations négatives"),
        ["response_minutes"] = ("Median first response (minutes)", "Première réponse médiane (minutes)"),
        ["account"] = ("Account", "Compte"),
        ["published"] = ("Published", "Publié le"),
        ["text"] = ("Text", "Texte"),
        ["campaign"] = ("Campaign", "Campagne"),
        ["none"] = ("Nothing in this period.", "Rien sur cette période."),
        ["new"] = ("new", "nouveau"),
        ["day"] = ("Day", "Jour"),
        ["competitors"] = ("Competitors", "Concurrents"),
        ["followers"] = ("Followers", "Abonnés"),
        ["follower_growth"] = ("Follower growth", "Évolution des abonnés"),
        ["posts_count"] = ("Posts", "Publications"),
        ["engagements_per_post"] = ("Engagements per post", "Interactions par publication"),
        ["engagement_rate"] = ("Engagement rate per post", "Taux d'interaction par publication"),
        ["brand"] = ("ours", "nous"),
        ["competitor"] = ("competitor", "concurrent"),
        ["competitors_note"] = (
            "Engagements: likes, reposts, replies and quotes of the posts published in the period. Engagement rate per post: those engagements divided by the followers each post had when published. Days are the workspace's local days, as in the rest of the report.",
            "Interactions : mentions J'aime, partages, réponses et citations des publications de la période. Taux d'interaction par publication : ces interactions divisées par les abonnés de chaque publication à sa parution. Jours du fuseau horaire de l'espace de travail, comme dans le reste du rapport."),
    };

    public static bool IsFrench(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr";

    public static string T(string key, CultureInfo culture) =>
        Words.TryGetValue(key, out var w) ? (IsFrench(culture) ? w.Fr : w.En) : key;

    /// <summary>Turns a highlight token from <see cref="ReportBuilder"/> into a sentence.</summary>
    public static string Highlight(string token, CultureInfo culture)
    {
        var fr = IsFrench(culture);
        var p = token.Split(':');
        return p[0] switch
        {
            "kpi" when p[3] == "new" => fr ? $"{T(p[1], culture)} : {N(p[2], culture)} (aucun sur la période précédente)" : $"{T(p[1], culture)}: {N(p[2], culture)} (none the previous period)",
            "kpi" => fr ? $"{T(p[1], culture)} : {N(p[2], culture)} ({Signed(p[3])} %)" : $"{T(p[1], culture)}: {N(p[2], culture)} ({Signed(p[3])}%)",
            "post" => fr ? $"Meilleure publication : {N(p[1], culture)} clics ({string.Join(':', p[2..])})" : $"Best post: {N(p[1], culture)} clicks ({string.Join(':', p[2..])})",
            "campaign" => fr ? $"Campagne « {p[1]} » : {N(p[2], culture)} clics, {N(p[3], culture)} conversions" : $"Campaign “{p[1]}”: {N(p[2], culture)} clicks, {N(p[3], culture)} conversions",
            _ => token,
        };
    }

    private static string Signed(string percent) => percent.StartsWith('-') ? percent : "+" + percent;

    private static string N(string number, CultureInfo culture) =>
        double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v.ToString("#,0", culture) : number;

    public static string Value(KpiRow k, double v, CultureInfo culture) =>
        k.Percent ? (v * 100).ToString("0.0", culture) + (IsFrench(culture) ? " %" : "%")
        : k.Key == "conversion_value" ? v.ToString("#,0.00", culture)
        : k.Key == "response_minutes" ? v.ToString("#,0.0", culture) : v.ToString("#,0", culture);

    public static string Change(KpiRow k, CultureInfo culture) => k.Change is { } c
        ? (c >= 0 ? "+" : "") + (c * 100).ToString("0", culture) + (IsFrench(culture) ? " %" : "%")
        : "—";

    /// <summary>A competitor-section row as text: "—" where a figure is unknown (no reading, no post), never a misleading zero.</summary>
    public static (string Name, string Followers, string Growth, string Posts, string PerPost, string Rate) CompetitorCells(Herald.Competitors.ComparisonRow r, CultureInfo culture)
    {
        var pct = IsFrench(culture) ? " %" : "%";
        var growth = r.FollowerGrowth is { } g
            ? (g >= 0 ? "+" : "") + g.ToString("#,0", culture) + (r.FollowerGrowthPercent is { } gp ? " (" + (gp >= 0 ? "+" : "") + gp.ToString("0.0", culture) + pct + ")" : "")
            : "—";
        return (
            $"{r.Name} ({r.Network}, {T(r.Kind, culture)})",
            r.Followers?.ToString("#,0", culture) ?? "—",
            growth,
            r.Posts.ToString("#,0", culture),
            r.AverageEngagementPerPost?.ToString("#,0.0", culture) ?? "—",
            r.EngagementRatePerFollower is { } rate ? rate.ToString("0.00", culture) + pct : "—");
    }

    public static string Date(DateOnly d, CultureInfo culture) => d.ToString(IsFrench(culture) ? "d MMM yyyy" : "MMM d, yyyy", culture);
}
