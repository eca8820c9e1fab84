using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Attune.Web.Tests.Sharing;

/// <summary>
/// Every actor against every resource and verb, from one table. Each row is a request; each column what
/// one kind of caller must get. A feature that adds an endpoint adds its rows here (and new actors when
/// its sharing needs them).
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    public enum Actor
    {
        Owner,
        OwnerToken,
        Grantee,
        GranteeWithoutStream,
        RevokedGrantee,
        PendingInvitee,
        Stranger,
        Anonymous,
        TokenWithoutScope,
        ExpiredToken,
        RevokedToken,
    }

    private static readonly Actor[] Actors = Enum.GetValues<Actor>();

    /// <summary>
    /// One request, the scope a token needs for it, and the status each actor gets, in the order of
    /// <see cref="Actor"/>. "200-" means 200 without the owner's item in the body (a list of one's own).
    /// </summary>
    private sealed record Row(string Name, string? Scope, Func<World, Actor, Task<HttpRequestMessage>> Request, string Expected)
    {
        /// <summary>What in a 200 body shows the owner's item was there; the owner's recording, grant or first recording's name unless said.</summary>
        public Func<World, string[]>? Markers { get; init; }
    }

    private static readonly Row[] Rows =
    [
        //                                                                                       Own  OTk  Gr   GrX  Rev  Pen  Str  Anon TkX  Exp  RTk
        new("GET /api/v1/recordings?owner=all", TokenScopes.RecordingsRead, (w, _) => Get("/api/v1/recordings?owner=all"),
                                                                                                "200 200 200 200- 200- 200- 200- 401 403 401 401"),
        new("GET /api/v1/recordings?owner=shared", TokenScopes.RecordingsRead, (w, _) => Get("/api/v1/recordings?owner=shared"),
                                                                                                "200- 200- 200 200- 200- 200- 200- 401 403 401 401"),
        new("GET /api/v1/recordings/{id}", TokenScopes.RecordingsRead, (w, _) => Get($"/api/v1/recordings/{w.Recording}"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401"),
        new("GET /api/v1/recordings/{id}/analysis", TokenScopes.RecordingsRead, (w, _) => Get($"/api/v1/recordings/{w.Recording}/analysis"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401"),
        new("GET /api/v1/recordings/{id}/synchrony", TokenScopes.RecordingsRead, (w, _) => Get($"/api/v1/recordings/{w.Recording}/synchrony?with={w.Second}"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401"),
        new("GET /api/v1/recordings/{id}/series", TokenScopes.RecordingsRead, (w, _) => Get($"/api/v1/recordings/{w.Recording}/series?from=10&to=200"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = _ => ["timesS"] },
        new("GET /api/v1/recordings/{id}/window", TokenScopes.RecordingsRead, (w, _) => Get($"/api/v1/recordings/{w.Recording}/window?preset=first5"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = _ => ["whole"] },
        new("GET /api/v1/recordings/{id}/segments", TokenScopes.RecordingsRead, (w, _) => Get($"/api/v1/recordings/{w.Recording}/segments?lengthS=60"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = _ => ["rmssdMs"] },
        // The world's recordings are RR files: reaching the ECG view or an edit of one shows access passed (422, not an ECG) or did not (404).
        new("GET /api/v1/recordings/{id}/ecg", TokenScopes.RecordingsRead, (w, _) => Get($"/api/v1/recordings/{w.Recording}/ecg"),
                                                                                                "422 422 422 404 404 404 404 401 403 401 401"),
        new("POST /api/v1/recordings/{id}/beat-edits", TokenScopes.RecordingsWrite,
            (w, _) => Task.FromResult(Json(HttpMethod.Post, $"/api/v1/recordings/{w.Recording}/beat-edits", new { action = "add", timeS = 5.0 })),
                                                                                                "422 422 404 404 404 404 404 401 403 401 401"),
        new("DELETE /api/v1/recordings/{id}/beat-edits", TokenScopes.RecordingsWrite, (w, _) => Task.FromResult(Delete($"/api/v1/recordings/{w.Recording}/beat-edits")),
                                                                                                "204 204 404 404 404 404 404 401 403 401 401"),
        new("GET /insights/recordings/{id}/beats (page)", null, (w, _) => Get($"/insights/recordings/{w.Recording}/beats"),
                                                                                                "200 302 200 404 404 404 404 302 302 302 302"),
        new("POST /insights/recordings/{id}/beats (page)", null, async (w, a) => await w.PagePostAsync(a, $"/insights/recordings/{w.Recording}/beats"),
                                                                                                "200 302 404 404 404 404 404 302 302 302 302"),
        new("POST /api/v1/recordings (own)", TokenScopes.RecordingsWrite, (w, _) => Task.FromResult(Upload()),
                                                                                                "201 201 201 201 201 201 201 401 403 401 401"),
        new("DELETE /api/v1/recordings/{id}", TokenScopes.RecordingsWrite, async (w, _) => Delete($"/api/v1/recordings/{await w.FreshRecordingAsync()}"),
                                                                                                "204 204 404 404 404 404 404 401 403 401 401"),
        new("GET /insights/recordings (page)", null, (w, _) => Get("/insights/recordings"),
                                                                                                "200 302 200 200- 200- 200- 200- 302 302 302 302"),
        new("GET /insights/recordings/{id} (page)", null, (w, _) => Get($"/insights/recordings/{w.Recording}"),
                                                                                                "200 302 200 404 404 404 404 302 302 302 302"),
        new("GET /insights/recordings/{id}/delete (page)", null, (w, _) => Get($"/insights/recordings/{w.Recording}/delete"),
                                                                                                "200 302 404 404 404 404 404 302 302 302 302"),
        new("POST /insights/recordings/{id}/delete (page)", null, async (w, a) => await w.PagePostAsync(a, $"/insights/recordings/{await w.FreshRecordingAsync()}/delete"),
                                                                                                "302 302 404 404 404 404 404 302 302 302 302"),
        new("GET /together/hearts (page)", null, (w, _) => Get($"/together/hearts?a={w.Second}&b={w.Recording}"),
                                                                                                "200 302 200 404 404 404 404 302 302 302 302"),
        new("GET /api/v1/checkins?owner=all", TokenScopes.CheckInsRead, (w, _) => Get("/api/v1/checkins?owner=all"),
                                                                                                "200 200 200 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.SharedCheckIn.ToString()] },
        new("GET /api/v1/checkins?owner=all (private one)", TokenScopes.CheckInsRead, (w, _) => Get("/api/v1/checkins?owner=all"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.PrivateCheckIn.ToString()] },
        new("GET /checkins (page, before other check-ins are added)", null, (w, _) => Get("/checkins"),
                                                                                                "200 302 200 200- 200- 200- 200- 302 302 302 302") { Markers = w => ["Owner felt this", w.SharedCheckIn.ToString()] },
        new("GET /api/v1/checkins/{shared}", TokenScopes.CheckInsRead, (w, _) => Get($"/api/v1/checkins/{w.SharedCheckIn}"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = w => [w.SharedCheckIn.ToString()] },
        new("GET /api/v1/checkins/{private}", TokenScopes.CheckInsRead, (w, _) => Get($"/api/v1/checkins/{w.PrivateCheckIn}"),
                                                                                                "200 200 404 404 404 404 404 401 403 401 401") { Markers = w => [w.PrivateCheckIn.ToString()] },
        new("PUT /api/v1/checkins/{shared}", TokenScopes.CheckInsWrite, (w, _) => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/checkins/{w.SharedCheckIn}", CheckIn("shared"))),
                                                                                                "200 200 404 404 404 404 404 401 403 401 401") { Markers = w => [w.SharedCheckIn.ToString()] },
        new("POST /api/v1/checkins (own)", TokenScopes.CheckInsWrite, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/checkins", CheckIn("private"))),
                                                                                                "201 201 201 201 201 201 201 401 403 401 401"),
        new("DELETE /api/v1/checkins/{id}", TokenScopes.CheckInsWrite, async (w, _) => Delete($"/api/v1/checkins/{await w.FreshCheckInAsync()}"),
                                                                                                "204 204 404 404 404 404 404 401 403 401 401"),
        new("GET /api/v1/emotions", TokenScopes.CheckInsRead, (w, _) => Get("/api/v1/emotions"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => [World.OwnWord] },
        new("GET /checkins/{shared} (page)", null, (w, _) => Get($"/checkins/{w.SharedCheckIn}"),
                                                                                                "200 302 200 404 404 404 404 302 302 302 302") { Markers = w => ["Owner felt this"] },
        new("GET /checkins/{private} (page)", null, (w, _) => Get($"/checkins/{w.PrivateCheckIn}"),
                                                                                                "200 302 404 404 404 404 404 302 302 302 302") { Markers = w => ["Nobody else"] },
        new("GET /checkins/{shared}/edit (page)", null, (w, _) => Get($"/checkins/{w.SharedCheckIn}/edit"),
                                                                                                "200 302 404 404 404 404 404 302 302 302 302") { Markers = w => ["Owner felt this"] },
        new("POST /checkins/{id}/delete (page)", null, async (w, a) => await w.PagePostAsync(a, $"/checkins/{await w.FreshCheckInAsync()}/delete"),
                                                                                                "302 302 404 404 404 404 404 302 302 302 302"),
        new("GET /api/v1/checkins/settings (each their own)", TokenScopes.CheckInsRead, (w, _) => Get("/api/v1/checkins/settings"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => ["07:45"] },
        new("PUT /api/v1/checkins/settings (each their own)", TokenScopes.CheckInsWrite,
            (w, _) => Task.FromResult(Json(HttpMethod.Put, "/api/v1/checkins/settings", new { defaultVisibility = "private", reminderTimes = new[] { "21:00" } })),
                                                                                                "200- 200- 200- 200- 200- 200- 200- 401 403 401 401"),
        new("POST /api/v1/checkins/calendar-feed (each their own)", null, (w, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkins/calendar-feed")),
                                                                                                "201 403 201 201 201 201 201 401 403 401 401"),
        new("GET /settings/check-ins (page)", null, (w, _) => Get("/settings/check-ins"),
                                                                                                "200- 302 200- 200- 200- 200- 200- 302 302 302 302"),
        new("GET /api/v1/insights (each their own)", TokenScopes.CheckInsRead, (w, _) => Get("/api/v1/insights"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => ["\"checkIns\":2"] },
        new("GET /insights/checkins (page, each their own)", null, (w, _) => Get("/insights/checkins"),
                                                                                                "200 302 200 200 200 200 200 302 302 302 302") { Markers = w => ["Check-in patterns", "check-in"] },
        new("GET /api/v1/measures?owner=all", TokenScopes.MeasuresRead, (w, _) => Get("/api/v1/measures?owner=all"),
                                                                                                "200 200 200 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.Measure.ToString()] },
        new("POST /api/v1/measures/who5 (own)", TokenScopes.MeasuresWrite, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/measures/who5", new { answers = new[] { 1, 2, 3, 2, 1 } })),
                                                                                                "201 201 201 201 201 201 201 401 403 401 401"),
        new("GET /api/v1/integration?owner=all", TokenScopes.MeasuresRead, (w, _) => Get("/api/v1/integration?owner=all"),
                                                                                                "200 200 200 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.Reflection.ToString()] },
        new("GET /integration (page, each their own)", null, (w, _) => Get("/integration"),
                                                                                                "200 302 200- 200- 200- 200- 200- 302 302 302 302") { Markers = w => [w.Reflection.ToString()] },
        new("POST /api/v1/integration (own)", TokenScopes.MeasuresWrite, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/integration", new { answers = World.Reflect })),
                                                                                                "201 201 201 201 201 201 201 401 403 401 401"),
        new("GET /measures (page, each their own)", null, (w, _) => Get("/measures"),
                                                                                                "200 302 200- 200- 200- 200- 200- 302 302 302 302") { Markers = w => [w.Measure.ToString()] },
        new("GET /measures/who5 (page)", null, (w, _) => Get("/measures/who5"),
                                                                                                "200 302 200 200 200 200 200 302 302 302 302") { Markers = w => ["I have felt cheerful and in good spirits"] },
        new("GET /measures/gad7/result?id={id} (page)", null, (w, _) => Get($"/measures/gad7/result?id={w.Measure}"),
                                                                                                "200 302 404 404 404 404 404 302 302 302 302") { Markers = w => [w.Measure.ToString()] },
        new("GET /api/v1/practices (library and each their own)", TokenScopes.PracticesRead, (w, _) => Get("/api/v1/practices"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.OwnPractice.ToString()] },
        new("GET /api/v1/practices/{library}", TokenScopes.PracticesRead, (w, _) => Get("/api/v1/practices/orienting"),
                                                                                                "200 200 200 200 200 200 200 401 403 401 401") { Markers = w => ["Orienting to the room"] },
        new("GET /api/v1/practices/{own}", TokenScopes.PracticesRead, (w, _) => Get($"/api/v1/practices/{w.OwnPractice}"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = w => [w.OwnPractice.ToString()] },
        new("PUT /api/v1/practices/{own}", TokenScopes.PracticesWrite, (w, _) => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/practices/{w.OwnPractice}", OwnPractice())),
                                                                                                "200 200 404 404 404 404 404 401 403 401 401") { Markers = w => [w.OwnPractice.ToString()] },
        new("POST /api/v1/practices (own)", TokenScopes.PracticesWrite, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/practices", OwnPractice())),
                                                                                                "201 201 201 201 201 201 201 401 403 401 401"),
        new("DELETE /api/v1/practices/{own}", TokenScopes.PracticesWrite, async (w, _) => Delete($"/api/v1/practices/{await w.FreshPracticeAsync()}"),
                                                                                                "204 204 404 404 404 404 404 401 403 401 401"),
        new("GET /api/v1/recommendations (each their own, before more sessions)", TokenScopes.PracticesRead, (w, _) => Get("/api/v1/recommendations?state=activated&limit=30"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => ["helped you the one time"] },
        new("POST /api/v1/practice-sessions (own)", TokenScopes.PracticesWrite, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/practice-sessions", PracticeSession(w, "orienting"))),
                                                                                                "201 201 201 201 201 201 201 401 403 401 401"),
        new("POST /api/v1/practice-sessions (with the owner's practice)", TokenScopes.PracticesWrite, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/practice-sessions", PracticeSession(w, w.OwnPractice.ToString()))),
                                                                                                "201 201 400 400 400 400 400 401 403 401 401"),
        new("GET /api/v1/practice-sessions?owner=all", TokenScopes.PracticesRead, (w, _) => Get("/api/v1/practice-sessions?owner=all"),
                                                                                                "200 200 200 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.PracticeSession.ToString()] },
        new("GET /api/v1/practice-sessions/{id}", TokenScopes.PracticesRead, (w, _) => Get($"/api/v1/practice-sessions/{w.PracticeSession}"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = w => [w.PracticeSession.ToString()] },
        new("GET /practices (page, each their own)", null, (w, _) => Get("/practices"),
                                                                                                "200 302 200- 200- 200- 200- 200- 302 302 302 302") { Markers = w => [w.OwnPractice.ToString()] },
        new("GET /practices/{own} (page)", null, (w, _) => Get($"/practices/{w.OwnPractice}"),
                                                                                                "200 302 200 404 404 404 404 302 302 302 302") { Markers = w => [World.OwnPracticeTitle] },
        new("GET /practices/{own}/play (page)", null, (w, _) => Get($"/practices/{w.OwnPractice}/play"),
                                                                                                "200 302 404 404 404 404 404 302 302 302 302") { Markers = w => [World.OwnPracticeTitle] },
        new("GET /practices/{own}/edit (page)", null, (w, _) => Get($"/practices/{w.OwnPractice}/edit"),
                                                                                                "200 302 404 404 404 404 404 302 302 302 302") { Markers = w => [World.OwnPracticeTitle] },
        new("POST /practices/{own}/edit?handler=delete (page)", null, async (w, a) => await w.PagePostAsync(a, $"/practices/{await w.FreshPracticeAsync()}/edit?handler=delete"),
                                                                                                "302 302 404 404 404 404 404 302 302 302 302"),
        new("GET /api/v1/grants", null, (w, _) => Get("/api/v1/grants"),
                                                                                                "200 403 200 200- 200- 200- 200- 401 403 401 401"),
        new("GET /api/v1/grants/{id}", null, (w, _) => Get($"/api/v1/grants/{w.Grant}"),
                                                                                                "200 403 200 404 404 404 404 401 403 401 401"),
        new("PUT /api/v1/grants/{id}", null, (w, _) => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/grants/{w.Grant}", new { streams = new[] { "recordings" } })),
                                                                                                "200 403 404 404 404 404 404 401 403 401 401"),
        new("POST /api/v1/grants", null, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/grants", new { granteeEmail = $"new-{Guid.NewGuid():N}@example.org", streams = new[] { "recordings" } })),
                                                                                                "201 403 201 201 201 201 201 401 403 401 401"),
        new("GET /api/v1/access-log", null, (w, _) => Get("/api/v1/access-log"),
                                                                                                "200 403 200- 200- 200- 200- 200- 401 403 401 401"),
        new("GET /settings/sharing (page)", null, (w, _) => Get("/settings/sharing"),
                                                                                                "200 302 200 200- 200- 200- 200- 302 302 302 302"),
        new("GET /settings/access-log (page)", null, (w, _) => Get("/settings/access-log"),
                                                                                                "200 302 200- 200- 200- 200- 200- 302 302 302 302"),
        new("GET /api/v1/me/export (each their own)", TokenScopes.AccountExport, (w, _) => Get("/api/v1/me/export"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.Recording.ToString(), "Owner first"] },
        new("GET /api/v1/me/export?format=csv (each their own)", TokenScopes.AccountExport, (w, _) => Get("/api/v1/me/export?format=csv"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => [$"recordings/{w.Recording}"] },
        new("GET /api/v1/me/export?format=fhir (each their own)", TokenScopes.AccountExport, (w, _) => Get("/api/v1/me/export?format=fhir"),
                                                                                                "200 200 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.Recording.ToString()] },
        new("POST /api/v1/me/import (into each their own)", null,
            (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/me/import", new { format = "attune-export", version = 1, streams = new { } })),
                                                                                                "200- 403 200- 200- 200- 200- 200- 401 403 401 401"),
        new("GET /settings/data (page)", null, (w, _) => Get("/settings/data"),
                                                                                                "200- 302 200- 200- 200- 200- 200- 302 302 302 302"),
        // Each person's security log holds only entries about them (every entry names its owner).
        new("GET /api/v1/audit", null, (w, _) => Get("/api/v1/audit"),
                                                                                                "200 403 200- 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.OwnerId.ToString()] },
        new("GET /settings/security-log (page)", null, (w, _) => Get("/settings/security-log"),
                                                                                                "200 302 200- 200- 200- 200- 200- 302 302 302 302") { Markers = _ => ["looked at your"] },
        // Administration: none of these actors administers the instance (the test instance's owner does).
        new("GET /api/v1/admin/audit", null, (w, _) => Get("/api/v1/admin/audit"),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("GET /api/v1/admin/audit/verify", null, (w, _) => Get("/api/v1/admin/audit/verify"),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("GET /api/v1/admin/people", null, (w, _) => Get("/api/v1/admin/people"),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("GET /api/v1/admin/instance", null, (w, _) => Get("/api/v1/admin/instance"),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("GET /api/v1/admin/invitations", null, (w, _) => Get("/api/v1/admin/invitations"),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("POST /api/v1/admin/invitations", null, (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/admin/invitations", new { email = "x@example.org" })),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("DELETE /api/v1/admin/invitations/{id}", null, (w, _) => Task.FromResult(Delete($"/api/v1/admin/invitations/{Guid.NewGuid()}")),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("POST /api/v1/admin/people/{owner}/confirm-email", null, (w, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/people/{w.OwnerId}/confirm-email")),
                                                                                                "403 403 403 403 403 403 403 401 403 401 401"),
        new("GET /admin (page)", null, (w, _) => Get("/admin"),
                                                                                                "404 302 404 404 404 404 404 302 302 302 302"),
        new("GET /admin/audit (page)", null, (w, _) => Get("/admin/audit"),
                                                                                                "404 302 404 404 404 404 404 302 302 302 302"),
        // Together: the owner and the grantee are also linked as partners; the owner started a repair with them.
        new("GET /api/v1/partner/state", TokenScopes.TogetherRead, (w, _) => Get("/api/v1/partner/state"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = w => [w.OwnerId.ToString(), w.GranteeId.ToString()] },
        new("GET /api/v1/repairs/{id}", TokenScopes.TogetherRead, (w, _) => Get($"/api/v1/repairs/{w.Repair}"),
                                                                                                "200 200 200 404 404 404 404 401 403 401 401") { Markers = w => [w.Repair.ToString()] },
        new("GET /api/v1/together/insights (each their own)", TokenScopes.TogetherRead, (w, _) => Get("/api/v1/together/insights"),
                                                                                                "200 200 200 200- 200- 200- 200- 401 403 401 401") { Markers = w => [w.Repair.ToString()] },
        new("POST /api/v1/repairs (the one under way, or none without a partner)", TokenScopes.TogetherWrite,
            (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/repairs", new { stateBefore = "activated" })),
                                                                                                "200 200 400 400 400 400 400 401 403 401 401") { Markers = w => [w.Repair.ToString()] },
        new("POST /api/v1/breaks (each their own)", TokenScopes.TogetherWrite,
            async (w, _) => { await w.EndOwnersBreaksAsync(); return Json(HttpMethod.Post, "/api/v1/breaks", new { minutes = 30 }); },
                                                                                                "201 201 201 201 201 201 201 401 403 401 401"),
        new("POST /api/v1/partner/invites (refused while linked)", TokenScopes.TogetherWrite,
            (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/partner/invites", new { })),
                                                                                                "400 400 400 201 201 201 201 401 403 401 401"),
        new("POST /api/v1/partner/invites/{code}/accept (no such code)", TokenScopes.TogetherWrite,
            (w, _) => Task.FromResult(Json(HttpMethod.Post, "/api/v1/partner/invites/ABCD-EFGH/accept", new { })),
                                                                                                "404 404 404 404 404 404 404 401 403 401 401"),
        // Unlinking works once, and then there is no partner to unlink from, for either of them.
        new("DELETE /api/v1/partner", TokenScopes.TogetherWrite, (w, _) => Task.FromResult(Delete("/api/v1/partner")),
                                                                                                "204 404 404 404 404 404 404 401 403 401 401"),
        new("GET /api/v1/repairs/{id} (after unlinking)", TokenScopes.TogetherRead, (w, _) => Get($"/api/v1/repairs/{w.Repair}"),
                                                                                                "200 200 404 404 404 404 404 401 403 401 401") { Markers = w => [w.Repair.ToString()] },
        // Last, because the pending invitee's acceptance changes who they are.
        new("POST /api/v1/grants/{id}/accept", null, (w, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/grants/{w.PendingGrant}/accept")),
                                                                                                "404 403 404 404 404 200- 404 401 403 401 401"),
    ];

    [Theory, ClassData(typeof(Providers))]
    public async Task Every_actor_gets_exactly_what_the_table_says_for_every_resource_and_verb(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        await using var world = await World.CreateAsync(factory);
        var failures = new List<string>();
        var cells = 0;
        output.WriteLine($"{"",-48} {string.Join(" ", Actors.Select(a => Short(a)))}");
        foreach (var row in Rows)
        {
            var expected = row.Expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(expected.Length == Actors.Length, $"{row.Name}: {expected.Length} expectations for {Actors.Length} actors.");
            var line = new List<string>();
            foreach (var actor in Actors)
            {
                var want = expected[(int)actor];
                var got = await world.SendAsync(actor, row, await row.Request(world, actor), row.Markers?.Invoke(world));
                cells++;
                line.Add(got.PadRight(4));
                if (got != want)
                {
                    failures.Add($"{row.Name} as {actor}: expected {want}, got {got}");
                }
            }
            output.WriteLine($"{row.Name,-48} {string.Join(" ", line)}");
        }
        output.WriteLine($"{cells} cells ({Rows.Length} requests x {Actors.Length} actors) on {provider}, {failures.Count} failed.");
        Console.WriteLine($"Authorization matrix on {provider}: {cells} cells ({Rows.Length} requests x {Actors.Length} actors), {failures.Count} failed.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string Short(Actor a) => a.ToString()[..Math.Min(4, a.ToString().Length)];

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Delete(string url) => new(HttpMethod.Delete, url);

    private static object CheckIn(string visibility) =>
        new { state = "connected", intensity = 4, emotionIds = new[] { "calm" }, note = "Owner felt this", visibility };

    private static object OwnPractice() =>
        new { title = World.OwnPracticeTitle, states = new[] { "activated" }, steps = new[] { new { text = "Look out of the window", seconds = 60 } } };

    private static object PracticeSession(World w, string practiceId) => new
    {
        practiceId,
        before = new { state = "activated", intensity = 6 },
        after = new { state = "connected", intensity = 3 },
        startedAt = w.Now.AddMinutes(-3),
        endedAt = w.Now,
        idempotencyKey = Guid.NewGuid().ToString("N"),
    };

    private static HttpRequestMessage Upload()
    {
        var content = new StringContent(TestRecordings.RrCsv(), System.Text.Encoding.UTF8, "text/csv");
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/recordings?kind=rr") { Content = content };
    }

    /// <summary>One owner with two recordings, and one person or client for each actor.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly AttuneWebFactory _factory;
        private readonly Dictionary<Actor, HttpClient> _clients = [];
        private readonly Dictionary<string, HttpClient> _tokensWithout = [];

        /// <summary>A word of the owner's own vocabulary.</summary>
        public const string OwnWord = "sunday-ish";

        private World(AttuneWebFactory factory) => _factory = factory;

        public Guid Recording { get; private set; }

        public Guid OwnerId { get; private set; }

        /// <summary>The grantee, also linked with the owner as partners.</summary>
        public Guid GranteeId { get; private set; }

        /// <summary>A repair the owner started with the grantee, their partner.</summary>
        public Guid Repair { get; private set; }

        public Guid Second { get; private set; }

        /// <summary>The grant from the owner to <see cref="Actor.Grantee"/>.</summary>
        public Guid Grant { get; private set; }

        /// <summary>The invitation waiting for <see cref="Actor.PendingInvitee"/>.</summary>
        public Guid PendingGrant { get; private set; }

        /// <summary>A check-in of the owner's marked shared, and one kept private.</summary>
        public Guid SharedCheckIn { get; private set; }

        public Guid PrivateCheckIn { get; private set; }

        /// <summary>A GAD-7 of the owner's, and an integration reflection (both in the measures stream).</summary>
        public Guid Measure { get; private set; }

        public Guid Reflection { get; private set; }

        public static Dictionary<string, int> Reflect { get; } = new()
        {
            ["consciousness"] = 0,
            ["horizontal"] = -2,
            ["vertical"] = 1,
            ["memory"] = 0,
            ["narrative"] = 3,
            ["state"] = 0,
            ["interpersonal"] = -1,
            ["temporal"] = 2,
            ["transpirational"] = 0,
        };
        /// <summary>A practice the owner wrote, and a session of theirs with a library practice.</summary>
        public Guid OwnPractice { get; private set; }

        public const string OwnPracticeTitle = "Owner window practice";

        public Guid PracticeSession { get; private set; }

        public DateTimeOffset Now => _factory.Clock.GetUtcNow();

        public static async Task<World> CreateAsync(AttuneWebFactory factory)
        {
            var w = new World(factory);
            var (owner, ownerClient) = await TestUsers.SignedInAsync(factory);
            w._clients[Actor.Owner] = ownerClient;
            w.OwnerId = owner.Id;
            w.Recording = (await TestRecordings.UploadAsync(ownerClient, name: "Owner first")).Id;
            w.Second = (await TestRecordings.UploadAsync(ownerClient, name: "Owner second")).Id;

            var (grantee, granteeClient) = await TestUsers.SignedInAsync(factory);
            w._clients[Actor.Grantee] = granteeClient;
            w.Grant = await TestSharing.ShareAsync(ownerClient, grantee, granteeClient, "recordings", "checkins", "practices", "measures");
            w.GranteeId = grantee.Id;
            var code = await Together.TestTogether.InviteAsync(ownerClient);
            (await Together.TestTogether.AcceptAsync(granteeClient, code.Code)).EnsureSuccessStatusCode();
            w.Repair = await w.CreatedIdAsync("/api/v1/repairs", new { stateBefore = "activated" });
            using (var word = await ownerClient.PostAsJsonAsync("/api/v1/emotions", new { name = OwnWord, pleasantness = 1, energy = -2 }))
            {
                word.EnsureSuccessStatusCode();
            }
            using (var settings = await ownerClient.PutAsJsonAsync("/api/v1/checkins/settings", new { reminderTimes = new[] { "07:45" } }))
            {
                settings.EnsureSuccessStatusCode();
            }
            w.SharedCheckIn = await w.CheckInAsync(new { state = "activated", intensity = 6, emotionIds = new[] { "anxious" }, note = "Owner felt this", visibility = "shared" });
            w.PrivateCheckIn = await w.CheckInAsync(new { state = "shutDown", intensity = 3, emotionIds = new[] { "numb" }, note = "Nobody else", visibility = "private" });
            w.Measure = await w.CreatedIdAsync("/api/v1/measures/gad7", new { answers = new[] { 1, 1, 2, 0, 1, 0, 1 } });
            w.Reflection = await w.CreatedIdAsync("/api/v1/integration", new { answers = Reflect });
            w.OwnPractice = await w.FreshPracticeAsync();
            using (var session = await ownerClient.PostAsJsonAsync("/api/v1/practice-sessions", PracticeSession(w, "orienting")))
            {
                Assert.True(session.StatusCode == HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
                w.PracticeSession = (await session.Content.ReadFromJsonAsync<Attune.Web.Features.Practices.PracticeSessionDto>())!.Id;
            }

            var (other, otherClient) = await TestUsers.SignedInAsync(factory);
            w._clients[Actor.GranteeWithoutStream] = otherClient;
            var otherGrant = await TestSharing.ShareAsync(ownerClient, other, otherClient, "recordings", "checkins", "measures");

            var (revoked, revokedClient) = await TestUsers.SignedInAsync(factory);
            w._clients[Actor.RevokedGrantee] = revokedClient;
            var revokedGrant = await TestSharing.ShareAsync(ownerClient, revoked, revokedClient, "recordings", "checkins", "practices", "measures");
            (await ownerClient.DeleteAsync($"/api/v1/grants/{revokedGrant}")).EnsureSuccessStatusCode();

            var (invitee, inviteeClient) = await TestUsers.SignedInAsync(factory);
            w._clients[Actor.PendingInvitee] = inviteeClient;
            w.PendingGrant = (await TestSharing.InviteAsync(ownerClient, invitee.Email)).Id;

            w._clients[Actor.Stranger] = (await TestUsers.SignedInAsync(factory)).Client;
            w._clients[Actor.Anonymous] = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            // A grant covering only a stream that no row here belongs to: possible only in the database until that stream exists.
            await db.Grants.Where(g => g.Id == otherGrant).ExecuteUpdateAsync(u => u.SetProperty(g => g.Streams, DataStream.Together));
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            w._clients[Actor.OwnerToken] = await w.TokenAsync(db, owner.Id, TokenScopes.All, now.AddDays(30));
            // For each scope, a token holding every other scope but that one.
            foreach (var lacking in TokenScopes.All)
            {
                w._tokensWithout[lacking] = await w.TokenAsync(db, owner.Id, [.. TokenScopes.All.Where(s => s != lacking)], now.AddDays(30));
            }
            var expired = await w.TokenAsync(db, owner.Id, TokenScopes.All, now.AddDays(1));
            await db.PersonalAccessTokens.Where(t => t.ExpiresAt == now.AddDays(1)).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, now.AddMinutes(-1)));
            w._clients[Actor.ExpiredToken] = expired;
            var revokedToken = await w.TokenAsync(db, owner.Id, TokenScopes.All, now.AddDays(2));
            await db.PersonalAccessTokens.Where(t => t.ExpiresAt == now.AddDays(2)).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now));
            w._clients[Actor.RevokedToken] = revokedToken;
            return w;
        }

        /// <summary>Ends the owner's break, so the owner (and the owner's token) can start another.</summary>
        public async Task EndOwnersBreaksAsync()
        {
            using var scope = _factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            var now = _factory.Clock.GetUtcNow().UtcDateTime;
            await Access.Unchecked<Attune.Web.Features.Together.FloodingBreak>(db).Where(b => b.OwnerId == OwnerId && b.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.EndedAt, now));
        }

        /// <summary>A new shared check-in of the owner's, for verbs that use one up.</summary>
        public Task<Guid> FreshCheckInAsync() =>
            CheckInAsync(new { state = "connected", intensity = 2, emotionIds = new[] { "calm" }, visibility = "shared" });

        private async Task<Guid> CheckInAsync(object body)
        {
            using var response = await _clients[Actor.Owner].PostAsJsonAsync("/api/v1/checkins", body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<Attune.Web.Features.CheckIns.CheckInDto>())!.Id;
        }

        private async Task<Guid> CreatedIdAsync(string url, object body)
        {
            using var response = await _clients[Actor.Owner].PostAsJsonAsync(url, body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("id").GetGuid();
        }

        /// <summary>A new practice of the owner's own, for verbs that use one up.</summary>
        public async Task<Guid> FreshPracticeAsync()
        {
            using var response = await _clients[Actor.Owner].PostAsJsonAsync("/api/v1/practices", OwnPractice());
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return Guid.Parse((await response.Content.ReadFromJsonAsync<Attune.Web.Features.Practices.PracticeDto>())!.Id);
        }

        /// <summary>A new recording of the owner's, for verbs that use one up.</summary>
        public async Task<Guid> FreshRecordingAsync() => (await TestRecordings.UploadAsync(_clients[Actor.Owner], name: "To delete")).Id;

        /// <summary>A page form post with the antiforgery token the actor's own browser would have (none for tokens and visitors).</summary>
        public async Task<HttpRequestMessage> PagePostAsync(Actor actor, string url)
        {
            var fields = new Dictionary<string, string>();
            if (actor is not (Actor.Anonymous or Actor.OwnerToken or Actor.TokenWithoutScope or Actor.ExpiredToken or Actor.RevokedToken))
            {
                // Any page of the actor's own session carries a token valid for their session.
                var html = await _clients[actor].GetStringAsync("/settings/sharing");
                fields["__RequestVerificationToken"] = Browser.AntiforgeryToken(html);
            }
            return new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        }

        public async Task<string> SendAsync(Actor actor, Row row, HttpRequestMessage request, string[]? markers)
        {
            var client = actor == Actor.TokenWithoutScope ? _tokensWithout[row.Scope ?? TokenScopes.RecordingsRead] : _clients[actor];
            using (request)
            using (var response = await client.SendAsync(request))
            {
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    markers ??= [Recording.ToString(), Grant.ToString(), "Owner first"];
                    return markers.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)) ? status : status + "-";
                }
                return status;
            }
        }

        private async Task<HttpClient> TokenAsync(AttuneDb db, Guid userId, IReadOnlyCollection<string> scopes, DateTime expires)
        {
            var now = _factory.Clock.GetUtcNow().UtcDateTime;
            var (_, secret) = await AccessTokens.CreateAsync(db, userId, "Matrix", scopes, now, expires);
            var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            return client;
        }

        public ValueTask DisposeAsync()
        {
            foreach (var client in _clients.Values.Concat(_tokensWithout.Values))
            {
                client?.Dispose();
            }
            return ValueTask.CompletedTask;
        }
    }
}
