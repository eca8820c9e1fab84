using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests;

public sealed class HealthTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Healthz_returns_ok(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        response.EnsureSuccessStatusCode();
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }
}
