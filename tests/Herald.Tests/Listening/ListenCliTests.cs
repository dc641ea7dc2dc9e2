using System.Diagnostics;

namespace Herald.Tests.Listening;

public class ListenCliTests
{
    private static (int Code, string Out, string Err) Herald(string stdin, params string[] args)
    {
        var dll = typeof(global::Herald.Listening.QueryFileException).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Listen_match_prints_the_ids_of_matching_queries_per_line()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "brand\tHerald AND NOT spam\ncomp\t\"Acme Corp\" OR #acme\nfr\tlang:fr\n");
        var (code, output, _) = Herald("herald is great\nACME corp and Herald\n{\"text\":\"bonjour #Acme\",\"langs\":[\"fr\"]}\nnothing\n", "listen", "match", "--queries", file);
        Assert.Equal(0, code);
        Assert.Equal(["[\"brand\"]", "[\"brand\",\"comp\"]", "[\"comp\",\"fr\"]", "[]"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_bad_query_exits_non_zero_with_its_line_and_position()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "ok\tbrand\nbad\t(brand OR launch\n");
        var (code, _, error) = Herald("", "listen", "match", "--queries", file);
        Assert.NotEqual(0, code);
        Assert.Contains($"{file}:2: expected ')' at 16", error);
    }
}
