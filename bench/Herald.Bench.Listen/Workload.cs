namespace Herald.Bench.Listen;

/// <summary>A synthetic but realistic listening workload: brand names, phrases, hashtags, wildcards, NOT clauses, lang:; short posts in English and French.</summary>
internal sealed class Workload(int seed)
{
    private static readonly string[] English = ("the a to and of in is it you that for on with this my just new love great today so but not have are "
        + "was be at what can get out all like about your will one when they more some from good time day best people know "
        + "really think going make best ever phone app update launch store price deal coffee team customer service support "
        + "shipping order delivery battery screen camera music game weekend city travel food review quality broken refund").Split(' ');
    private static readonly string[] French = ("le la les un une des et de du en est pas pour sur avec ce cette mon ma très vraiment aujourd'hui "
        + "été café crème brûlée déjà où ça à être génial nouveau nouvelle prix livraison commande service client écran "
        + "batterie qualité problème remboursement magasin équipe semaine ville voyage goût élève français hôtel fenêtre").Split(' ');
    private static readonly string[] Syllables = "ka ro mi zen tri lo va nex qua bel or fy ly co sta pix mar ten vo lu dra gon sel ar is ex pro".Split(' ');
    private static readonly string[] Suffixes = ["", "", "", "app", "hq", "labs"];
    private readonly Random _random = new(seed);

    public string[] Brands { get; private set; } = [];

    public void MakeBrands(int count)
    {
        var set = new HashSet<string>();
        while (set.Count < count)
        {
            var name = string.Concat(Enumerable.Range(0, _random.Next(2, 4)).Select(_ => Syllables[_random.Next(Syllables.Length)]));
            set.Add(name);
        }
        Brands = [.. set];
    }

    private string Brand() => Brands[_random.Next(Brands.Length)];

    private string Word() => _random.Next(3) == 0 ? French[_random.Next(French.Length)] : English[_random.Next(English.Length)];

    private static string Capitalized(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    public string[] Queries(int count)
    {
        var queries = new string[count];
        for (var i = 0; i < count; i++)
        {
            var b = Brand();
            queries[i] = (i % 2000 == 1999) ? $"NOT ({b} OR {Word()})" : _random.Next(12) switch
            {
                0 => b,
                1 => $"{Capitalized(b)} OR #{b} OR @{b}",
                2 => $"\"{b} {Word()}\"",
                3 => $"{b}* AND NOT (spam OR giveaway)",
                4 => $"({b} OR {Brand()}) lang:fr",
                5 => $"#{b}{Suffixes[_random.Next(Suffixes.Length)]} OR \"{b} {Suffixes[_random.Next(1, Suffixes.Length)]}\"",
                6 => $"{b} ({Word()} OR {Word()}) -{Word()}",
                7 => $"@{b}* OR from:{b}",
                8 => $"\"{Word()} {Word()}\" {b}",
                9 => $"{b} lang:en NOT \"{Word()} {Word()}\"",
                10 => $"({b} OR {Brand()} OR {Brand()}) AND (\"{Word()}\" OR #{Word().Replace("'", "")})",
                _ => $"#{b}* OR {b}",
            };
        }
        return queries;
    }

    public (string Text, string[] Langs, string Author)[] Posts(int count)
    {
        var posts = new (string, string[], string)[count];
        var words = new List<string>();
        for (var i = 0; i < count; i++)
        {
            words.Clear();
            var french = _random.Next(3) == 0;
            var length = 0;
            while (length < 180)
            {
                var w = _random.Next(40) switch
                {
                    0 => "#" + (_random.Next(2) == 0 ? Brand() : Word().Replace("'", "")),
                    1 => "@" + Brand() + ".bsky.social",
                    2 or 3 when _random.Next(3) == 0 => _random.Next(2) == 0 ? Capitalized(Brand()) : Brand() + Suffixes[_random.Next(Suffixes.Length)],
                    4 => "😀",
                    _ => french ? French[_random.Next(French.Length)] : English[_random.Next(English.Length)],
                };
                words.Add(_random.Next(10) == 0 ? w.ToUpperInvariant() : w);
                length += w.Length + 1;
            }
            posts[i] = (string.Join(' ', words) + (_random.Next(4) == 0 ? "!" : "."), french ? ["fr"] : ["en"], Brand() + ".bsky.social");
        }
        return posts;
    }
}
