using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdPolicy.Web.Api;

/// <summary>One JSON shape for the API's answers and the webhooks' bodies: camelCase, enums as their names.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
