using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>Automated accessibility scan with axe-core, the engine behind Lighthouse and Deque's tools.</summary>
public static class Accessibility
{
    /// <summary>Overrides the location of <c>axe.min.js</c>.</summary>
    public const string AxePathVariable = "ATTUNE_AXE_PATH";

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(AxeScriptPath));

    /// <summary>axe-core from the client's devDependencies (<c>src/Attune.Web/client/node_modules</c>).</summary>
    public static string AxeScriptPath =>
        Environment.GetEnvironmentVariable(AxePathVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(RepoPaths.Root, "src", "Attune.Web", "client", "node_modules", "axe-core", "axe.min.js");

    public static bool AxeAvailable => File.Exists(AxeScriptPath);

    /// <summary>
    /// Runs axe on the page as it is now and fails listing every <c>serious</c> or <c>critical</c> violation
    /// (rule id, impact, help text and the offending elements).
    /// </summary>
    /// <param name="page">The page to scan, after it has rendered what should be checked.</param>
    /// <param name="disabledRules">axe rule ids to leave out, each with a reason at the call site.</param>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, params string[] disabledRules)
    {
        if (!AxeAvailable)
        {
            throw new InvalidOperationException($"axe-core not found at {AxeScriptPath}: run `npm ci` in src/Attune.Web/client (./test.sh does) or set {AxePathVariable}.");
        }

        // Evaluated through the DevTools protocol rather than a <script> tag, so the page's strict CSP
        // (no inline scripts) does not block it.
        await page.EvaluateAsync(AxeSource.Value + "\n;void 0;");
        var json = await page.EvaluateAsync<string>(
            """
            async disabled => {
              const rules = Object.fromEntries(disabled.map(id => [id, { enabled: false }]));
              const result = await axe.run(document, { resultTypes: ['violations'], rules });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                             nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })) })));
            }
            """,
            disabledRules);
        var violations = JsonSerializer.Deserialize<Violation[]>(json, JsonOptions) ?? [];
        if (violations.Length == 0)
        {
            return;
        }

        var message = new StringBuilder($"{violations.Length} serious or critical accessibility violation(s) on {page.Url}:");
        foreach (var violation in violations)
        {
            message.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>");
            foreach (var node in violation.Nodes)
            {
                message.Append($"\n    at {node.Target}: {node.Summary.Replace("\n", " ", StringComparison.Ordinal)}");
            }
        }

        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// Visits each address and scans it, in <paramref name="lanes"/> tabs of <paramref name="page"/>'s browser context
    /// at once (same cookies), and fails listing every page with serious violations. Waiting for the network to go
    /// quiet after each load (half a second at least) is most of a scan's time, so several tabs wait together: six took a
    /// quarter less time than three for the signed-in scan on two busy cores.
    /// </summary>
    public static async Task AssertPagesHaveNoSeriousViolationsAsync(IPage page, IEnumerable<string> visits, int lanes = 6)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(int Order, string Visit)>(visits.Select((v, i) => (i, v)));
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Order, string Message)>();
        var tabs = new List<IPage> { page };
        for (var i = 1; i < Math.Max(1, Math.Min(lanes, queue.Count)); i++)
        {
            tabs.Add(await page.Context.NewPageAsync());
        }

        try
        {
            await Task.WhenAll(tabs.Select(async tab =>
            {
                while (queue.TryDequeue(out var item))
                {
                    Assert.DoesNotContain("{", item.Visit, StringComparison.Ordinal);
                    await tab.GotoAsync(item.Visit);
                    await tab.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    try
                    {
                        await AssertNoSeriousViolationsAsync(tab);
                    }
                    catch (Xunit.Sdk.XunitException e)
                    {
                        failures.Add((item.Order, $"/{item.Visit}: {e.Message}"));
                    }
                }
            }));
        }
        finally
        {
            foreach (var tab in tabs.Skip(1))
            {
                await tab.CloseAsync();
            }
        }

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.OrderBy(f => f.Order).Select(f => f.Message)));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record Violation(string Id, string Impact, string Help, string HelpUrl, ViolationNode[] Nodes);

    private sealed record ViolationNode(string Target, string Summary);
}
