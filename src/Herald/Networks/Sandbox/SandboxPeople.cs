namespace Herald.Networks.Sandbox;

/// <summary>A simulated person: who they are, the language they write in, and their temper (−1 grumpy, 0 even, +1 cheerful).</summary>
internal sealed record SandboxPerson(string Name, string Handle, string Lang, int Temper);

/// <summary>The Sandbox's cast: ~60 recurring people (a quarter of them French-speaking) and an anonymous crowd behind them.</summary>
internal static class SandboxPeople
{
    public static readonly IReadOnlyList<SandboxPerson> Regulars =
    [
        P("Maya Chen", "maya.chen", 1), P("Daniel Okafor", "dokafor", 0), P("Priya Raman", "priya.builds", 1),
        P("Tom Becker", "tombecker", -1), P("Aisha Rahman", "aisha.r", 1), P("Lucas Silva", "lucassilva", 0),
        P("Hannah Weiss", "hannahweiss", 0), P("Marcus Johnson", "mj.writes", 1), P("Sofia Rossi", "sofiarossi", 1),
        P("Kenji Watanabe", "kenji.w", 0), P("Rachel Adams", "racheladams", -1), P("Omar Haddad", "omarhaddad", 0),
        P("Emily Novak", "em.novak", 1), P("Jake Miller", "jakemiller", -1), P("Grace Liu", "graceliu", 1),
        P("Ben Carter", "bencarter", 0), P("Zoe Martin", "zoe.designs", 1), P("Ivan Petrov", "ivanp", -1),
        P("Chloe Evans", "chloe.evans", 0), P("Nate Brooks", "natebrooks", 0), P("Fatima Khan", "fatimak", 1),
        P("Sam Taylor", "samtaylor", 0), P("Olivia Grant", "oliviagrant", 1), P("Derek Lang", "dereklang", -1),
        P("Mei Tanaka", "mei.tanaka", 1), P("Chris Walsh", "cwalsh", 0), P("Laura Kim", "laurakim", 0),
        P("Ryan O'Neil", "ryanoneil", -1), P("Nadia Ivanova", "nadia.iv", 0), P("Ethan Wright", "ethanwright", 1),
        P("Ava Robinson", "ava.rob", 1), P("Leo Fischer", "leofischer", 0), P("Jasmine Patel", "jaspatel", 1),
        P("Victor Huang", "victorhuang", -1), P("Megan Clarke", "megclarke", 0), P("Alex Morgan", "alexmorgan", 0),
        P("Tariq Aziz", "tariqaziz", 0), P("Isla Campbell", "isla.c", 1), P("Pete Sullivan", "petesully", -1),
        P("Nina Kowalski", "ninakowalski", 1), P("Jordan Lee", "jordanlee", 0), P("Carmen Diaz", "carmendiaz", 1),
        P("Ollie Hughes", "olliehughes", 0), P("Sarah Goldberg", "sgoldberg", -1), P("Theo Park", "theopark", 1),
        F("Camille Laurent", "camille.laurent", 1), F("Julien Moreau", "julienmoreau", -1), F("Léa Fontaine", "lea.fontaine", 1),
        F("Antoine Girard", "agirard", 0), F("Manon Lefèvre", "manon.lfv", 1), F("Hugo Bernard", "hugobernard", 0),
        F("Chloé Dubois", "chloe.dubois", 0), F("Nicolas Petit", "nicopetit", -1), F("Inès Benali", "ines.benali", 1),
        F("Mathieu Roux", "mathieuroux", 0), F("Sarah Mercier", "sarahmercier", 1), F("Thomas Garnier", "tgarnier", -1),
        F("Élodie Faure", "elodiefaure", 0), F("Karim Mansouri", "karim.m", 1), F("Juliette Blanc", "julietteblanc", 0),
    ];

    private static readonly string[] CrowdFirst =
    [
        "Alex", "Jamie", "Robin", "Casey", "Morgan", "Riley", "Taylor", "Avery", "Quinn", "Drew",
        "Noah", "Mia", "Liam", "Ella", "Arjun", "Yuki", "Elena", "Marco", "Lina", "Pablo",
        "Louis", "Jade", "Gabriel", "Louise", "Arthur", "Alice", "Rose", "Paul", "Lucie", "Raphaël",
    ];

    private static readonly string[] CrowdLast =
    [
        "Park", "Reed", "Hayes", "Ortiz", "Nguyen", "Baker", "Cole", "Hart", "Shah", "Young",
        "Costa", "Meyer", "Sato", "Romero", "Andersen", "Dupont", "Leroy", "Marchand", "Colin", "Perrin",
    ];

    /// <summary>An anonymous member of the crowd: likes, reposts and follows beyond the regulars come from here.</summary>
    public static SandboxPerson Crowd(SandboxRandom rng)
    {
        var first = rng.Pick(CrowdFirst);
        var last = rng.Pick(CrowdLast);
        var handle = Slug.Of($"{first}{last}", 24) + rng.Next(2, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SandboxPerson($"{first} {last}", handle + ".sandbox", "en", 0);
    }

    private static SandboxPerson P(string name, string handle, int temper) => new(name, handle + ".sandbox", "en", temper);

    private static SandboxPerson F(string name, string handle, int temper) => new(name, handle + ".sandbox", "fr", temper);
}
