using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Together;

/// <summary>A ritual moment: <c>kind</c> hug | kiss | appreciation | question; <c>text</c>: the appreciation or the answer (optional for an appreciation, needed for an answer).</summary>
public sealed record RitualRequest(string? Kind, string? Text = null);

public sealed record RitualMomentDto(Guid Id, bool Mine, string Kind, DateTime At, DateOnly LocalDate, string? Text, int? QuestionNumber);

/// <summary>Today's question and the week's moments, both partners' (as far as shared), without streaks or scores.</summary>
public sealed record RitualsDto(int QuestionNumber, string Question, List<RitualMomentDto> Today, List<RitualDayDto> Week);

/// <summary>One day of the last seven: how many of each kind, both partners together.</summary>
public sealed record RitualDayDto(DateOnly Date, int Hugs, int Kisses, int Appreciations, int Answers);

public abstract record RitualOutcome
{
    public sealed record Noted(RitualMomentDto Moment) : RitualOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : RitualOutcome;
}

/// <summary>Small shared rituals of connection, and a gentle record of them: what happened, never what was missed.</summary>
public sealed class Rituals(AttuneDb db, Access access, TimeProvider clock)
{
    /// <summary>Enough for a loving day; more in one day is likely a stuck button.</summary>
    public const int PerDayLimit = 50;

    public async Task<RitualOutcome> NoteAsync(Guid me, RitualRequest request, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = Enum.TryParse<RitualKind>(request.Kind?.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(request.Kind, out _) ? k : (RitualKind?)null;
        if (kind is null)
        {
            errors["kind"] = ["Please choose hug, kiss, appreciation or question."];
        }
        var (text, textError) = TextRules.SingleLine(request.Text, RitualMoment.TextMaxLength, "text", required: kind is RitualKind.Question or RitualKind.Appreciation);
        if (textError is not null)
        {
            errors["text"] = [string.IsNullOrWhiteSpace(request.Text) && kind == RitualKind.Question ? "Please write your answer to today's question."
                : string.IsNullOrWhiteSpace(request.Text) && kind == RitualKind.Appreciation ? "Please write what you appreciate: a few words are plenty."
                : textError];
        }
        if (errors.Count > 0)
        {
            return new RitualOutcome.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = await TimeZones.OfUserAsync(db, me, cancel);
        var today = DateOnly.FromDateTime(TimeZones.ToLocal(now, zone));
        if (await access.Own<RitualMoment>(me).CountAsync(r => r.LocalDate == today, cancel) >= PerDayLimit)
        {
            return new RitualOutcome.Invalid(new() { ["kind"] = ["That's a lot of moments for one day. Lovely, and enough for today."] });
        }
        var moment = new RitualMoment
        {
            Id = Guid.CreateVersion7(),
            OwnerId = me,
            Kind = kind!.Value,
            At = now,
            LocalDate = today,
            Text = string.IsNullOrEmpty(text) || kind is RitualKind.Hug or RitualKind.Kiss ? null : text,
            QuestionNumber = kind == RitualKind.Question ? DailyQuestions.NumberFor(today) : null,
        };
        db.Add(moment);
        await db.SaveChangesAsync(cancel);
        return new RitualOutcome.Noted(ToDto(moment, me));
    }

    public async Task<bool> DeleteAsync(Guid me, Guid id, CancellationToken cancel) =>
        await access.Own<RitualMoment>(me).Where(r => r.Id == id).ExecuteDeleteAsync(cancel) == 1;

    /// <summary>Today's question and the last seven days of both partners' moments.</summary>
    public async Task<RitualsDto> WeekAsync(Guid me, Guid? partner, CancellationToken cancel)
    {
        var zone = await TimeZones.OfUserAsync(db, me, cancel);
        var today = DateOnly.FromDateTime(TimeZones.ToLocal(clock.GetUtcNow().UtcDateTime, zone));
        var from = today.AddDays(-6);
        var rows = (await access.ListAsync<RitualMoment, RitualMoment>(me, Whose.All,
            q => q.Where(r => (r.OwnerId == me || r.OwnerId == partner) && r.LocalDate >= from && r.LocalDate <= today.AddDays(1)).OrderBy(r => r.At).Take(1000),
            r => r, cancel)).Select(r => r.Value).ToList();
        var week = Enumerable.Range(0, 7).Select(i => from.AddDays(i)).Select(d =>
        {
            var day = rows.Where(r => r.LocalDate == d).ToList();
            return new RitualDayDto(d, day.Count(r => r.Kind == RitualKind.Hug), day.Count(r => r.Kind == RitualKind.Kiss),
                day.Count(r => r.Kind == RitualKind.Appreciation), day.Count(r => r.Kind == RitualKind.Question));
        }).ToList();
        var number = DailyQuestions.NumberFor(today);
        // A partner in another zone may be a day ahead: today's moments are those on my date or theirs.
        var todays = rows.Where(r => r.LocalDate >= today).Select(r => ToDto(r, me)).ToList();
        return new RitualsDto(number, DailyQuestions.Text(number), todays, week);
    }

    private static RitualMomentDto ToDto(RitualMoment r, Guid me) =>
        new(r.Id, r.OwnerId == me, r.Kind.ToString().ToLowerInvariant(), r.At, r.LocalDate, r.Text, r.QuestionNumber);
}

/// <summary>A question a day for two, written by us: light, curious, never a test.</summary>
public static class DailyQuestions
{
    private static readonly string[] All =
    [
        "What made you smile today?",
        "What's a small thing I did lately that you liked?",
        "Where would you love us to go together, if time and money didn't matter?",
        "What's something you're looking forward to this week?",
        "When did you feel closest to me recently?",
        "What's a song that reminds you of us?",
        "What helps you most when you've had a hard day?",
        "What's a memory of us you come back to?",
        "What's something new you'd like us to try together?",
        "What did you need today that you didn't get?",
        "What's one thing you admire about how I handle things?",
        "What made you laugh this week?",
        "What's a tiny ritual of ours you'd miss if it stopped?",
        "What's on your mind that you haven't said yet?",
        "What would a perfect lazy Sunday look like for you?",
        "What's one way I could make tomorrow a little easier for you?",
        "What's something you're proud of lately?",
        "Which smell, taste or place feels like home to you?",
        "What did you dream about as a child?",
        "What's a kindness someone showed you that you still remember?",
        "What do you wish I knew about how you feel when we argue?",
        "What makes you feel most cared for?",
        "What's one thing you'd like us to do more of?",
        "What are you grateful for right now?",
        "What's a question you'd like to ask me?",
        "When do you feel most like yourself?",
        "What helped you settle the last time you were upset?",
        "What's a place in nature you'd love to share with me?",
        "What's one word for how this week felt?",
        "What would you like to celebrate together soon?",
    ];

    public static int Count => All.Length;

    /// <summary>The same question for everyone on a given date, moving on each day.</summary>
    public static int NumberFor(DateOnly date) => date.DayNumber % All.Length + 1;

    public static string Text(int number) => number >= 1 && number <= All.Length ? All[number - 1] : "";
}
