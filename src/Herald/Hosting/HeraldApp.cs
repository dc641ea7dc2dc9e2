namespace Herald.Hosting;

/// <summary>Herald's composition root: the web app and the CLI share it.</summary>
public static partial class HeraldApp
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
