namespace Attune.Browser.Tests.Infrastructure;

/// <summary>
/// All browser tests share one chromium and run one at a time (see AssemblyInfo.cs): put
/// <c>[Collection(BrowserCollection.Name)]</c> on every test class and take <see cref="BrowserFixture"/> in its constructor.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
