using Attune.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// A journey on its own Development server (email goes to the outbox), with relaxed rate limits and a clock
/// the test moves by hand, so one test's sign-ins and codes cannot disturb another's.
/// </summary>
public abstract class OwnServerJourney : IAsyncLifetime
{
    private AppServer? _server;

    /// <summary>The app's clock: runs on real time until the test moves it.</summary>
    protected TestClock Clock { get; } = new();

    /// <summary>This journey's server, started before each test.</summary>
    protected AppServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _server = await AppServer.StartAsync(
            settings: AppServer.RelaxedRateLimits,
            environment: "Development",
            services: s => s.AddSingleton<TimeProvider>(Clock));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
