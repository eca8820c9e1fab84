using Attune.Web.Features.Recordings.Pages;

namespace Attune.Web.Tests.Recordings;

public sealed class RecordingPagesFormattingTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(45.2, "45 s")]
    [InlineData(59.6, "1 min")]
    [InlineData(631, "11 min")]
    [InlineData(3599, "1 h 0 min")]
    [InlineData(6180, "1 h 43 min")]
    [InlineData(82620, "22 h 57 min")]
    [InlineData(-3, "0 s")]
    public void Elapsed_AnyMoment_ReadsToTheMinuteOncePastTheFirst(double seconds, string expected) =>
        Assert.Equal(expected, RecordingPages.Elapsed(seconds));
}
