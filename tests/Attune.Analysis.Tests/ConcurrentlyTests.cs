namespace Attune.Analysis.Tests;

public sealed class ConcurrentlyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Invoke_RunsEveryPart(bool parallel)
    {
        var ran = new int[5];
        Concurrently.Invoke(parallel, [.. Enumerable.Range(0, ran.Length).Select(i => (Action)(() => ran[i]++))]);
        Assert.All(ran, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Invoke_OneAfterAnother_KeepsTheOrderGiven()
    {
        var order = new List<int>();
        Concurrently.Invoke(false, () => order.Add(1), () => order.Add(2), () => order.Add(3));
        Assert.Equal([1, 2, 3], order);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Invoke_APartThrows_ItsOwnExceptionSurfacesUnwrapped(bool parallel)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Concurrently.Invoke(parallel, () => { }, () => throw new ArgumentOutOfRangeException("x", "bad option")));
        Assert.Equal("x", e.ParamName);
    }
}
