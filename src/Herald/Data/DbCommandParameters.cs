using System.Data.Common;

namespace Herald.Data;

/// <summary>Adding a parameter to a hand-written ADO.NET command (the dispatcher's claim, the inbox's SQLite batch).</summary>
public static class DbCommandParameters
{
    /// <summary>Adds <paramref name="name"/> with <paramref name="value"/> (null becomes DBNull) and returns it, to set again per row.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }
}
