using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.ScaleOut;

public sealed class NodeHeaderTests
{
    [Fact]
    public async Task The_node_is_named_in_a_header_only_when_asked()
    {
        await using var quiet = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Attune:NodeName"] = "node-a" });
        await using var named = AttuneWebFactory.AnotherNode(quiet, new Dictionary<string, string?> { ["Attune:NodeName"] = "node-b", ["Attune:ExposeNodeHeader"] = "true" });

        using var fromQuiet = await quiet.CreateClient().GetAsync("/healthz");
        using var fromNamed = await named.CreateClient().GetAsync("/healthz");

        Assert.False(fromQuiet.Headers.Contains(Attune.Web.Infrastructure.NodeIdentity.Header));
        Assert.Equal(["node-b"], fromNamed.Headers.GetValues(Attune.Web.Infrastructure.NodeIdentity.Header));
    }
}
