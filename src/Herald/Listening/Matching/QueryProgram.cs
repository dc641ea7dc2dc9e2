namespace Herald.Listening.Matching;

/// <summary>The operations of a compiled query node.</summary>
internal enum ProgramOp : byte { Atom, And, Or, Not }

/// <summary>A compiled query: a flat tree over atom ids, evaluated against the atoms present in a post, short-circuiting.</summary>
internal sealed class QueryProgram(ProgramOp[] ops, int[] args, int[] childStart, int[] childCount, int[] children)
{
    private readonly ProgramOp[] _ops = ops;
    private readonly int[] _args = args;
    private readonly int[] _childStart = childStart;
    private readonly int[] _childCount = childCount;
    private readonly int[] _children = children;

    public bool Evaluate(int[] atomGen, int gen) => Eval(0, atomGen, gen);

    private bool Eval(int node, int[] atomGen, int gen)
    {
        switch (_ops[node])
        {
            case ProgramOp.Atom:
                return atomGen[_args[node]] == gen;
            case ProgramOp.Not:
                return !Eval(_children[_childStart[node]], atomGen, gen);
            case ProgramOp.And:
                for (int i = _childStart[node], end = i + _childCount[node]; i < end; i++)
                {
                    if (!Eval(_children[i], atomGen, gen))
                    {
                        return false;
                    }
                }
                return true;
            default:
                for (int i = _childStart[node], end = i + _childCount[node]; i < end; i++)
                {
                    if (Eval(_children[i], atomGen, gen))
                    {
                        return true;
                    }
                }
                return false;
        }
    }
}
