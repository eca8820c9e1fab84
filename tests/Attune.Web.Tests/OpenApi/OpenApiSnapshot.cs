using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.OpenApi;

/// <summary>
/// The committed copy of <c>/openapi/v1.json</c> that the client's types are generated from
/// (<c>src/Attune.Web/client/openapi/v1.json</c>), and the one way it is written: indented by two spaces,
/// paths and components sorted by name, so that a change to the API is a small, readable diff.
/// </summary>
internal static class OpenApiSnapshot
{
    /// <summary>Set to 1 to make the snapshot test write the live document instead of comparing.</summary>
    public const string UpdateVariable = "ATTUNE_UPDATE_OPENAPI";

    public const string RelativePath = "src/Attune.Web/client/openapi/v1.json";

    public static string FullPath => Path.Combine(RepoPaths.Client, "openapi", "v1.json");

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        // Readable quotes and ellipses in descriptions; the file is read by tools, never put into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Normalize(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("The OpenAPI document is not a JSON object.");
        SortProperties(root, "paths");
        if (root["components"] is JsonObject components)
        {
            foreach (var section in components.Select(p => p.Key).ToList())
            {
                SortProperties(components, section);
            }
        }
        return root.ToJsonString(Options) + "\n";
    }

    /// <summary>"line 12: expected … but the live document has …", for a failure message.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        if (expected.Length == 0)
        {
            return "there is no snapshot yet";
        }
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < b.Length ? b[i] : "(end of file)";
            if (left != right)
            {
                return $"line {i + 1}: the snapshot has\n    {left.Trim()}\nbut the live document has\n    {right.Trim()}";
            }
        }
        return "no line differs";
    }

    private static void SortProperties(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject unsorted)
        {
            return;
        }
        var properties = unsorted.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        unsorted.Clear();
        parent[name] = new JsonObject(properties);
    }
}
