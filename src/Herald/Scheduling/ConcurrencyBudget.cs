using System.Collections.Concurrent;

namespace Herald.Scheduling;

/// <summary>Per-account and per-network limits on deliveries in flight, from each network's rules.</summary>
public sealed class ConcurrencyBudget
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _accounts = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _networks = new();

    public async Task<IDisposable> EnterAsync(string network, int networkLimit, string accountId, int accountLimit, CancellationToken ct)
    {
        var n = _networks.GetOrAdd(network, _ => new SemaphoreSlim(Math.Max(1, networkLimit)));
        var a = _accounts.GetOrAdd(accountId, _ => new SemaphoreSlim(Math.Max(1, accountLimit)));
        await a.WaitAsync(ct);
        try
        {
            await n.WaitAsync(ct);
        }
        catch
        {
            a.Release();
            throw;
        }
        return new Lease(a, n);
    }

    private sealed class Lease(SemaphoreSlim account, SemaphoreSlim network) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                network.Release();
                account.Release();
            }
        }
    }
}
