using System.Collections.Concurrent;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// One app per database engine for a test class, shared by the rows of its bad-input theories: starting an app on a fresh
/// copy of the database cost more than such a row itself. Use as a class fixture (<c>IClassFixture&lt;SharedApps&gt;</c>),
/// and only for rows that leave the app as they found them: each makes its own person, sends what must be refused and
/// checks that nothing was stored (a row that stored something would make every later row fail too). The rows of one
/// class run one after another, never at the same time.
/// </summary>
public sealed class SharedApps : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<AttuneWebFactory>>> _apps = new();

    /// <summary>The class's app on <paramref name="provider"/>, started the first time a row asks for it.</summary>
    public Task<AttuneWebFactory> ForAsync(DatabaseProvider provider) =>
        _apps.GetOrAdd(provider, p => new Lazy<Task<AttuneWebFactory>>(() => AttuneWebFactory.CreateAsync(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }
    }
}
