namespace Herald.Listening.Sources;

/// <summary>The Sandbox network's public conversation: people posting in English and French about the things queries track.</summary>
internal static class SandboxChatter
{
    private static readonly string[] En =
    [
        "Just tried {0} and honestly it's great", "Anyone else having trouble with {0} today?", "{0} customer service was slow again",
        "Loving the new {0} update!", "Is {0} worth the price? thinking about it", "Switched from {0} last week, no regrets",
        "Can't believe how good {0} is #{1}", "{0} vs the competition: a thread", "My review of {0}: solid, a few bugs",
    ];
    private static readonly string[] Fr =
    [
        "Je viens d'essayer {0}, vraiment génial", "Quelqu'un d'autre a un problème avec {0} aujourd'hui ?", "Le service client de {0} est très lent",
        "J'adore la nouvelle version de {0} !", "{0} vaut-il son prix ? j'hésite", "Déçue par {0}, la livraison a pris deux semaines #{1}",
        "Mon avis sur {0} : très bien, quelques défauts", "Été à Paris avec {0}, parfait",
    ];
    private static readonly string[] Names = ["camille", "lucas", "emma", "noah", "chloe", "hugo", "mia", "leo", "zoe", "jules", "sam", "alex", "ines", "tom"];

    /// <summary><paramref name="count"/> public posts about the given subjects (brand names, topics), with authors, reach and engagement.</summary>
    public static List<IncomingPost> Generate(Random random, IReadOnlyList<string> subjects, int count, DateTimeOffset now)
    {
        var posts = new List<IncomingPost>(count);
        for (var i = 0; i < count && subjects.Count > 0; i++)
        {
            var subject = subjects[random.Next(subjects.Count)];
            var french = random.Next(3) == 0;
            var templates = french ? Fr : En;
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], subject, subject.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
            var name = Names[random.Next(Names.Length)] + random.Next(1, 60);
            // Followers spread over the tiers: mostly small accounts, a few large ones.
            var followers = (long)Math.Pow(10, 1 + random.NextDouble() * random.NextDouble() * 6);
            var id = Guid.CreateVersion7(now).ToString("N");
            posts.Add(new IncomingPost("sandbox", $"sandbox://public/{id}", text, [french ? "fr" : "en"], "sandbox:" + name, name + ".sandbox",
                now.AddSeconds(-random.Next(0, 60)), null, followers, (int)(followers * random.NextDouble() * 0.08)));
        }
        return posts;
    }
}
