namespace Herald.Listening.Matching;

/// <summary>Every query compiled to one flat postfix program over atom ids: an atom pushes "present"; an operator pops its operands.</summary>
/// <remarks>Codes: an atom id (≥ 0), or the complement of (operand count &lt;&lt; 2 | operator) for AND, OR and NOT. One
/// array for all queries, so evaluating a candidate reads a few consecutive ints instead of walking objects.</remarks>
internal sealed class QueryPrograms(int[] code, int[] starts, int maxDepth)
{
    public const int And = 1;
    public const int Or = 2;
    public const int Not = 3;

    private readonly int[] _code = code;
    private readonly int[] _starts = starts;

    public int Count => _starts.Length - 1;

    /// <summary>The deepest operand stack any program needs.</summary>
    public int MaxDepth { get; } = maxDepth;

    public static int Operator(int op, int operands) => ~((operands << 2) | op);

    /// <summary>Whether query <paramref name="q"/> matches when the present atoms are those stamped with <paramref name="gen"/>.</summary>
    public bool Evaluate(int q, int[] atomGen, int gen, bool[] stack) => Run(Code(q), atomGen, gen, stack);

    /// <summary>Query <paramref name="q"/>'s program (the matcher keeps a copy of it beside each atom that triggers it).</summary>
    public ReadOnlySpan<int> Code(int q) => _code.AsSpan(_starts[q], _starts[q + 1] - _starts[q]);

    /// <summary>Runs a program: whether it matches when the present atoms are those stamped with <paramref name="gen"/>.</summary>
    public static bool Run(ReadOnlySpan<int> code, int[] atomGen, int gen, bool[] stack)
    {
        var sp = 0;
        foreach (var instruction in code)
        {
            var c = instruction;
            if (c >= 0)
            {
                stack[sp++] = atomGen[c & ~LazyPhrases.Bit] == gen; // the matcher's copies mark lazy phrases
                continue;
            }
            c = ~c;
            var n = c >> 2;
            switch (c & 3)
            {
                case Not:
                    stack[sp - 1] = !stack[sp - 1];
                    break;
                case And:
                    var all = true;
                    for (var k = sp - n; k < sp; k++)
                    {
                        all &= stack[k];
                    }
                    sp -= n;
                    stack[sp++] = all;
                    break;
                default:
                    var any = false;
                    for (var k = sp - n; k < sp; k++)
                    {
                        any |= stack[k];
                    }
                    sp -= n;
                    stack[sp++] = any;
                    break;
            }
        }
        return stack[0];
    }

    /// <summary>The atoms query <paramref name="q"/> reads.</summary>
    public IEnumerable<int> Atoms(int q)
    {
        for (var i = _starts[q]; i < _starts[q + 1]; i++)
        {
            if (_code[i] >= 0)
            {
                yield return _code[i];
            }
        }
    }
}
