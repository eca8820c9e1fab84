using System.Security.Cryptography;
using Attune.Analysis.Measures;
using Attune.Analysis.Practices;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Demo;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together;
using Microsoft.AspNetCore.Identity;

namespace Attune.Web.Features.Therapists;

/// <summary>
/// "Try as a therapist": a demo practice with a demo therapist and six made-up clients (one couple), each with three months
/// of check-ins, measures, practices, consent to some streams, and some homework. Every account is a demo account, erased
/// after a day like any other.
/// </summary>
public sealed class SampleCaseload(AttuneDb db, UserManager<AppUser> users, CheckInTransfer transfer, TimeProvider clock)
{
    private sealed record Sample(string Name, string[] Streams, double Trend, bool Flag, string[] Practices);

    private static readonly Sample[] Clients =
    [
        new("Maya", ["checkins", "practices", "measures", "together"], -0.5, false, ["extended-exhale", "orienting"]),
        new("Jonas", ["checkins", "measures", "together"], -0.3, false, ["box-breathing"]),
        new("Priya", ["checkins", "practices", "measures"], -0.6, false, ["physiological-sigh", "name-it-to-tame-it"]),
        new("Tom", ["checkins", "measures"], 0.2, true, []),
        new("Lena", ["measures"], -0.1, false, []),
        new("Ravi", ["checkins", "practices", "measures"], -0.4, false, ["orienting"]),
    ];

    public async Task<AppUser> CreateAsync(string? zone, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var timeZone = Infrastructure.TextRules.IsKnownTimeZone(zone) ? zone!.Trim() : TimeZones.Default;
        var therapist = await NewDemoAsync("Dr Alex Morgan (demo)", timeZone, now, cancel);
        var practice = new TherapyPractice { Id = Guid.CreateVersion7(), Name = $"Sample practice {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}", CreatedAt = now };
        db.Add(practice);
        db.Add(new Therapist { UserId = therapist.Id, PracticeId = practice.Id, GrantedAt = now });
        var ids = new List<Guid>();
        for (var i = 0; i < Clients.Length; i++)
        {
            var sample = Clients[i];
            var client = await NewDemoAsync($"{sample.Name} (demo)", timeZone, now, cancel);
            ids.Add(client.Id);
            await AddDataAsync(client.Id, i, sample, timeZone, now, cancel);
            db.Grants.Add(ActiveGrant(client.Id, therapist, GrantKind.Therapist, TherapistConsent.Parse(sample.Streams)!.Value, now.AddDays(-80)));
            if (sample.Practices.Length > 0)
            {
                db.Add(new Homework
                {
                    Id = Guid.CreateVersion7(),
                    TherapistId = therapist.Id,
                    ClientId = client.Id,
                    Kind = HomeworkKind.Practice,
                    Item = sample.Practices[0],
                    TimesPerWeek = 4,
                    Note = "When you notice the first signs in your body.",
                    StartsAt = now.AddDays(-20),
                });
            }
        }
        // Maya and Jonas are a couple.
        db.Grants.Add(ActiveGrant(ids[0], await users.FindByIdAsync(ids[1].ToString()) ?? therapist, GrantKind.Partner, DataStream.Together | DataStream.CheckIns, now.AddDays(-85)));
        db.Grants.Add(ActiveGrant(ids[1], await users.FindByIdAsync(ids[0].ToString()) ?? therapist, GrantKind.Partner, DataStream.Together | DataStream.CheckIns, now.AddDays(-85)));
        db.Add(new TherapyNote
        {
            Id = Guid.CreateVersion7(),
            TherapistId = therapist.Id,
            ClientId = ids[0],
            CreatedAt = now.AddDays(-7),
            Text = "Noticed the pull to pursue when Jonas goes quiet. Practised naming it before speaking."
        });
        await db.SaveChangesAsync(cancel);
        return therapist;
    }

    private async Task<AppUser> NewDemoAsync(string name, string zone, DateTime now, CancellationToken cancel)
    {
        var user = AccountFlows.NewUser($"demo-{Guid.NewGuid():N}@demo.attune.invalid", name, zone, clock);
        user.EmailConfirmed = true;
        // No password: a demo account is only ever signed into by the visitor who made it.
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("A demo account could not be made: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        db.Add(new DemoAccount { UserId = user.Id, CreatedAt = now });
        await db.SaveChangesAsync(cancel);
        return user;
    }

    private async Task AddDataAsync(Guid owner, int index, Sample sample, string zone, DateTime now, CancellationToken cancel)
    {
        var random = new Random(1000 + index);
        var today = DateOnly.FromDateTime(TimeZones.ToLocal(now, zone));
        var checkIns = DemoCheckIns.Generate(7919 * (index + 1), today, zone).Where(r => r.OccurredAt <= now)
            .Where(_ => random.NextDouble() < 0.7).Select(r => r with { Visibility = "shared" }).ToList();
        var stored = await transfer.StoreAsync(owner, [.. checkIns.Select((r, i) => (i + 1, r))], cancel);
        if (!stored.Succeeded)
        {
            throw new InvalidOperationException($"The sample check-ins break a rule (item {stored.Line}): {stored.Problem}");
        }
        // A measure every two weeks for twelve weeks, drifting by the sample's trend (negative: fewer symptoms).
        foreach (var (form, start) in new[] { (MeasureCatalog.Phq9, 15.0), (MeasureCatalog.Gad7, 13.0), (MeasureCatalog.Who5, 9.0) })
        {
            for (var week = 0; week <= 12; week += 2)
            {
                var level = start + sample.Trend * week * (form.Kind == MeasureKind.Who5 ? -1 : 1) + random.Next(-1, 2);
                var answers = Spread((int)Math.Round(level), form.Items.Count, form.Items[0].Options.Max(o => o.Value), random);
                if (form.Kind == MeasureKind.Phq9)
                {
                    answers[^1] = sample.Flag && week == 12 ? 1 : 0;
                }
                if (Response(owner, form, answers, now.AddDays(-84 + 7 * week).AddHours(-random.Next(1, 10))) is { } response)
                {
                    db.Add(response);
                }
            }
        }
        for (var day = 60; day >= 1 && sample.Practices.Length > 0; day--)
        {
            if (random.NextDouble() > 0.45)
            {
                continue;
            }
            var before = random.Next(5, 9);
            var after = Math.Max(1, before - random.Next(1, 5));
            var start = now.AddDays(-day).AddHours(-random.Next(1, 12));
            db.Add(new PracticeSession
            {
                Id = Guid.CreateVersion7(),
                OwnerId = owner,
                PracticeId = sample.Practices[random.Next(sample.Practices.Length)],
                StartedAt = start,
                EndedAt = start.AddMinutes(5),
                BeforeState = NervousState.Activated,
                BeforeIntensity = before,
                AfterState = after < 3 ? NervousState.Connected : NervousState.Activated,
                AfterIntensity = after,
                Effect = SessionEffect.Of(false, before, after < 3, after),
                IdempotencyKey = Guid.NewGuid().ToString("N"),
                CreatedAt = start,
            });
        }
        if (sample.Streams.Contains("together"))
        {
            foreach (var day in new[] { 70, 52, 31, 12 })
            {
                var at = now.AddDays(-day - index);
                db.Add(new FloodingBreak { Id = Guid.CreateVersion7(), OwnerId = owner, StartedAt = at, ReturnAt = at.AddMinutes(30), EndedAt = at.AddMinutes(32) });
            }
        }
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>A measure response scored as the app scores it; null when the answers do not fit the form.</summary>
    public static MeasureResponse? Response(Guid owner, MeasureForm form, int[] answers, DateTime takenAt) =>
        MeasureScoring.Score(form.Instrument, answers) is ScoringOutcome.Scored s
            ? new MeasureResponse
            {
                Id = Guid.CreateVersion7(),
                OwnerId = owner,
                Kind = form.Kind,
                Answers = string.Join(',', answers),
                Total = s.Score.Total,
                Band = s.Score.Band.Id,
                SafetyScreen = s.Score.SafetyScreen,
                TakenAt = takenAt,
            }
            : null;

    /// <summary>Answers adding up to <paramref name="total"/> (clamped), spread at random over the items.</summary>
    public static int[] Spread(int total, int items, int max, Random random)
    {
        var answers = new int[items];
        total = Math.Clamp(total, 0, items * max);
        for (var left = total; left > 0;)
        {
            var i = random.Next(items);
            if (answers[i] < max)
            {
                answers[i]++;
                left--;
            }
        }
        return answers;
    }

    /// <summary>An active grant as if given and accepted at <paramref name="at"/>, with the current consent text of its kind.</summary>
    public static Grant ActiveGrant(Guid owner, AppUser grantee, GrantKind kind, DataStream streams, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        OwnerId = owner,
        GranteeId = grantee.Id,
        GranteeEmail = grantee.Email ?? "",
        NormalizedGranteeEmail = grantee.NormalizedEmail ?? "",
        Kind = kind,
        Streams = streams,
        Status = GrantStatus.Active,
        ConsentVersion = kind == GrantKind.Therapist ? TherapistConsent.CurrentVersion : SharingConsent.CurrentVersion,
        CreatedAt = at,
        AcceptedAt = at,
    };
}
