using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Attune.Web.Tests.Infrastructure;

public sealed class AttuneWebFactoryTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task CreateAsync_Provider_PointsAppConfigurationAtTestDatabase(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(
            provider,
            new Dictionary<string, string?> { ["Attune:Extra"] = "yes" });

        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("Testing", factory.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
        Assert.Equal(provider.ToString(), configuration["Database:Provider"]);
        Assert.Equal(factory.Database.DataDirectory, configuration["Attune:DataDirectory"]);
        Assert.Equal(factory.Database.ConnectionString, configuration.GetConnectionString("Attune"));
        Assert.Equal("yes", configuration["Attune:Extra"]);
    }
}
