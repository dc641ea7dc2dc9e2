namespace Herald.Networks;

/// <summary>Finds a connector by its network key.</summary>
public sealed class NetworkRegistry(IEnumerable<INetworkConnector> connectors)
{
    private readonly Dictionary<string, INetworkConnector> _byKey = connectors.ToDictionary(c => c.Network, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Networks => _byKey.Keys;

    public INetworkConnector? Find(string network) => _byKey.GetValueOrDefault(network);

    public INetworkConnector Get(string network) =>
        Find(network) ?? throw new InvalidOperationException($"No connector for network '{network}'.");
}
