using Attune.Web.Tests.Infrastructure;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>Like <see cref="AxeFactAttribute"/>, for theories: skipped without axe-core except on CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AxeTheoryAttribute : TheoryAttribute
{
    public AxeTheoryAttribute()
    {
        if (!Accessibility.AxeAvailable && !TestEnvironment.IsCi)
        {
            Skip = $"axe-core not installed at {Accessibility.AxeScriptPath} (npm ci in src/Attune.Web/client).";
        }
    }
}
