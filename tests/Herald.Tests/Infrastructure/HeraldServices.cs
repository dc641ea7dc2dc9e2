using System.Text.Json;
using Herald.Data;
using Herald.Hosting;
using Herald.Publishing;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Herald.Tests.Infrastructure;

/// <summary>Herald's services over a data folder and database, without a web server: to prepare data for, and inspect, a Herald process.</summary>
public sealed class HeraldServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private HeraldServices(ServiceProvider provider, WorkspaceContext workspace)
    {
        _provider = provider;
        Workspace = workspace;
    }

    public WorkspaceContext Workspace { get; }

    public static async Task<HeraldServices> CreateAsync(HeraldOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Networks:AllowPrivateAddresses"] = "true",
            ["Mastodon:AllowLocalInstances"] = "true",
        }).Build());
        services.AddHeraldCore(options);
        var provider = services.BuildServiceProvider();
        await DataServices.MigrateAsync(provider);
        await using var scope = provider.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<TeamService>().AddUserAsync($"ops-{Guid.NewGuid():N}@example.test", "correct horse battery staple", admin: true, default);
        var workspaceId = await scope.ServiceProvider.GetRequiredService<HeraldDb>().Memberships.Where(m => m.UserId == user.Id).Select(m => m.WorkspaceId).FirstAsync();
        return new HeraldServices(provider, new WorkspaceContext(user.Id, workspaceId, Role.Owner));
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<string> ConnectAsync(object request) => RunAsync(async sp =>
        (await sp.GetRequiredService<Herald.Accounts.AccountService>().ConnectAsync(Workspace.WorkspaceId, JsonSerializer.SerializeToElement(request), default)).Id);

    public Task<string> CreatePostAsync(PostRequest request) => RunAsync(async sp =>
        (await sp.GetRequiredService<PostComposer>().CreateAsync(Workspace, request, default)).Post.Id);

    /// <summary>Delivery counts by status, read straight from the database.</summary>
    public Task<Dictionary<DeliveryStatus, int>> StatusCountsAsync() => RunAsync(async sp =>
        await sp.GetRequiredService<HeraldDb>().Deliveries.AsNoTracking().GroupBy(d => d.Status).ToDictionaryAsync(g => g.Key, g => g.Count()));

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
