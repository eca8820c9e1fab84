using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    [Fact]
    public async Task Test_apps_hash_passwords_with_the_small_work_factor_unless_a_test_asks_for_the_apps_own()
    {
        await using var quick = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var production = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, productionPasswordHashing: true);

        Assert.Equal(AttuneWebFactory.TestPasswordIterations, quick.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
        Assert.Equal(210_000, production.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
    }
}
