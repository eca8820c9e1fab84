using System.Text.Json;
using System.Text.RegularExpressions;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Attune.Web.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> is a contract: every API endpoint is in it with who may call it, an id, a
/// summary and its error responses; it passes Redocly's lint; and the copy the client's types are
/// generated from is the same document.
/// </summary>
public sealed partial class OpenApiContractTests(ITestOutputHelper output)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task Every_api_endpoint_is_in_the_document_with_who_may_call_it()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var document = await LiveDocumentAsync(factory);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(any)"])
                .Select(m => $"{m.ToLowerInvariant()} {DocumentPath(e.RoutePattern.RawText!)}"))
            .ToList();
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation);

        var missing = endpoints.Where(e => !operations.ContainsKey(e)).ToList();
        var undecided = operations.Where(o => !o.Value.TryGetProperty("security", out _)).Select(o => o.Key).ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(missing.Count == 0, "API endpoints missing from the OpenAPI document (excluded from description?):\n" + string.Join('\n', missing));
        Assert.True(undecided.Count == 0,
            "Operations without a security requirement: give each endpoint RequireScope(...), RequireBrowserSession() or AllowAnonymous() " +
            "(OpenApiContract reads them):\n" + string.Join('\n', undecided));
    }

    [Fact]
    public async Task Security_requirements_follow_the_endpoint_policies()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var document = await LiveDocumentAsync(factory);
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => JsonSerializer.Serialize(o.Operation.GetProperty("security")));

        Assert.Equal("[]", operations["post /api/v1/auth/login"]);
        Assert.Equal("""[{"browserSession":[]}]""", operations["post /api/v1/me/tokens"]);
        Assert.Equal("""[{"browserSession":[]}]""", operations["get /api/v1/access-log"]);
        Assert.Equal("""[{"accessToken":["recordings:read"]},{"browserSession":[]}]""", operations["get /api/v1/recordings/{id}/analysis"]);
        Assert.Equal("""[{"accessToken":["recordings:write"]},{"browserSession":[]}]""", operations["delete /api/v1/recordings/{id}"]);
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("accessToken").GetProperty("scheme").GetString());
        Assert.Equal("attune", schemes.GetProperty("browserSession").GetProperty("name").GetString());
        Assert.Equal("cookie", schemes.GetProperty("browserSession").GetProperty("in").GetString());
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_and_its_error_responses()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var document = await LiveDocumentAsync(factory);
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (method, path, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var id = operation.TryGetProperty("operationId", out var idValue) ? idValue.GetString() : null;
            if (id is null || !OperationId().IsMatch(id))
            {
                problems.Add($"{name}: no operationId in camel or Pascal case (.WithName)");
            }
            else if (!ids.Add(id))
            {
                problems.Add($"{name}: operationId {id} is used twice");
            }
            if (!operation.TryGetProperty("summary", out var summary) || summary.GetString() is not { Length: > 0 } text || text.Contains('\n', StringComparison.Ordinal))
            {
                problems.Add($"{name}: no one-line summary (.WithSummary)");
            }
            if (!operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            {
                problems.Add($"{name}: no tag (.WithTags on its group)");
            }
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (!statuses.Any(s => s.StartsWith('4')))
            {
                problems.Add($"{name}: no 4xx response (.ProducesProblem)");
            }
            var authenticated = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            if (authenticated && !statuses.Contains("401"))
            {
                problems.Add($"{name}: needs a signed-in caller but does not declare 401");
            }
            if (authenticated && !statuses.Contains("403"))
            {
                problems.Add($"{name}: refuses access tokens or tokens without a scope but does not declare 403");
            }
            if (path.Contains("{id}", StringComparison.Ordinal) && !statuses.Contains("404"))
            {
                problems.Add($"{name}: addresses one item but does not declare 404");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task The_document_passes_redocly_lint()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        var file = Path.Combine(Path.GetTempPath(), $"attune-openapi-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(file, await client.GetStringAsync("/openapi/v1.json"));
        try
        {
            var result = await Redocly.LintAsync(file);

            foreach (var problem in result.Problems)
            {
                output.WriteLine(problem.ToString());
            }
            output.WriteLine($"redocly lint: {result.Errors} errors, {result.Warnings} warnings");
            Assert.True(result.Errors == 0,
                $"redocly lint found {result.Errors} errors (rules in src/Attune.Web/client/redocly.yaml):\n"
                + string.Join('\n', result.Problems.Where(p => p.Severity == "error")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_committed_snapshot_is_the_live_document()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        var live = OpenApiSnapshot.Normalize(await client.GetStringAsync("/openapi/v1.json"));

        if (OpenApiSnapshot.UpdateRequested)
        {
            await File.WriteAllTextAsync(OpenApiSnapshot.FullPath, live);
            output.WriteLine($"Wrote {OpenApiSnapshot.RelativePath}.");
            return;
        }
        var committed = File.Exists(OpenApiSnapshot.FullPath) ? (await File.ReadAllTextAsync(OpenApiSnapshot.FullPath)).ReplaceLineEndings("\n") : "";

        Assert.True(committed == live,
            $"{OpenApiSnapshot.RelativePath} is not the API's current OpenAPI document; the client's types are generated from it. " +
            $"If the API change is intended, refresh it with\n    {OpenApiSnapshot.UpdateVariable}=1 ATTUNE_TEST_PROJECTS=Attune.Web.Tests " +
            "ATTUNE_TEST_FILTER=FullyQualifiedName~OpenApiContractTests ./test.sh\nthen review and commit the diff; the next build regenerates " +
            "client/src/api/schema.d.ts and type-checks the client against it.\nFirst difference, " + OpenApiSnapshot.FirstDifference(committed, live));
    }

    private static async Task<JsonDocument> LiveDocumentAsync(AttuneWebFactory factory)
    {
        using var client = factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonDocument document) =>
        from path in document.RootElement.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (method.Name, path.Name, method.Value);

    /// <summary>A route pattern as the document writes it: <c>/api/v1/me/</c> → <c>/api/v1/me</c>, <c>{id:guid}</c> → <c>{id}</c>.</summary>
    private static string DocumentPath(string route) => RouteConstraint().Replace(route, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{([^}:?=]+)[^}]*\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex OperationId();
}
