using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald;

/// <summary>The JSON settings used by the API, the CLI and stored JSON columns alike.</summary>
public static class HeraldJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
