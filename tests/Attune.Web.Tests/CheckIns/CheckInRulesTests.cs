using Attune.Web.Features.CheckIns;

namespace Attune.Web.Tests.CheckIns;

public sealed class CheckInRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    private static (ValidCheckIn? Value, Dictionary<string, string[]> Errors) Validate(CheckInRequest request) =>
        CheckInRules.Validate(request, CheckInVocabulary.Instance, new HashSet<string> { "my-0123456789abcdef0123456789abcdef" }, Now, "Europe/Berlin", CheckInVisibility.Private);

    [Fact]
    public void Validate_fills_in_the_defaults_a_fast_check_in_leaves_out()
    {
        var (value, errors) = Validate(new CheckInRequest("shutdown", EmotionIds: ["numb"]));

        Assert.Empty(errors);
        Assert.Equal((NervousState.ShutDown, 5, "Europe/Berlin", CheckInVisibility.Private, Now), (value!.State, value.Intensity, value.TimeZone, value.Visibility, value.OccurredAt));
    }

    [Fact]
    public void Validate_accepts_a_persons_own_word_and_refuses_someone_elses()
    {
        Assert.Empty(Validate(new CheckInRequest("connected", EmotionIds: ["my-0123456789abcdef0123456789abcdef"])).Errors);
        Assert.Contains("emotionIds", Validate(new CheckInRequest("connected", EmotionIds: ["my-ffffffffffffffffffffffffffffffff"])).Errors.Keys);
    }

    [Fact]
    public void Validate_allows_a_phone_clock_a_little_ahead_but_not_the_future()
    {
        Assert.Empty(Validate(new CheckInRequest("connected", EmotionIds: ["calm"], OccurredAt: Now.AddMinutes(9))).Errors);
        Assert.Contains("occurredAt", Validate(new CheckInRequest("connected", EmotionIds: ["calm"], OccurredAt: Now.AddMinutes(11))).Errors.Keys);
    }

    [Fact]
    public void Validate_rounds_sleep_to_quarter_hours_and_removes_duplicates()
    {
        var (value, _) = Validate(new CheckInRequest("connected", EmotionIds: ["calm", "calm"],
            Body: [new BodySensationDto("chest", "warm"), new BodySensationDto("chest", "warm")],
            Scales: new CheckInScalesDto(SleepHours: 7.33),
            Context: new CheckInContextDto(Who: ["partner", "Partner", " "])));

        Assert.Equal(7.25, value!.SleepHours);
        Assert.Single(value.EmotionIds);
        Assert.Single(value.Body);
        Assert.Equal(["partner"], value.Context.Who!);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("0b7c1f2e-client.retry:1", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ünïcode", false)]
    public void IsIdempotencyKey_takes_plain_tokens_only(string key, bool ok) => Assert.Equal(ok, CheckInRules.IsIdempotencyKey(key));

    [Fact]
    public void Body_and_context_survive_storage_round_trips()
    {
        var body = new[] { new BodySensationDto("chest", "tight"), new BodySensationDto("lower-back", "aching") };
        var context = new CheckInContextDto(["partner"], null, ["conflict"], ["a door, slammed; then silence"], null);

        Assert.Equal(body, CheckInRules.ParseBody(CheckInRules.SerializeBody(body)));
        var back = CheckInRules.ParseContext(CheckInRules.SerializeContext(context));
        Assert.Equal(context.Triggers!, back.Triggers!);
        Assert.Null(back.Where);
        Assert.Equal("", CheckInRules.SerializeContext(new CheckInContextDto()));
    }
}
