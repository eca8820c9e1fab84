using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Integration;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Measures;

public sealed class IntegrationApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static Dictionary<string, int> Answers(int consciousness = 0, int interpersonal = 0, int temporal = 0) => new()
    {
        ["consciousness"] = consciousness,
        ["horizontal"] = -1,
        ["vertical"] = 1,
        ["memory"] = 0,
        ["narrative"] = 0,
        ["state"] = 1,
        ["interpersonal"] = interpersonal,
        ["temporal"] = temporal,
        ["transpirational"] = 0,
    };

    [Theory, ClassData(typeof(Providers))]
    public async Task Owner_places_each_domain_on_the_river_and_sees_what_could_use_care(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var create = await client.PostAsJsonAsync("/api/v1/integration", new { answers = Answers(consciousness: -3, interpersonal: 2) });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var r = (await create.Content.ReadFromJsonAsync<IntegrationReflectionDto>(Json))!;
        Assert.Equal(IntegrationDomains.All.Select(d => d.Slug), r.Domains.Select(d => d.Domain));
        var consciousness = r.Domains[0];
        Assert.Equal((-3, "chaos", 0, true, "/practices?domain=consciousness"), (consciousness.Value, consciousness.Lean, consciousness.Flow, consciousness.NeedsCare, consciousness.PracticesUrl));
        var interpersonal = r.Domains.Single(d => d.Domain == "interpersonal");
        Assert.Equal((2, "rigid", 1, true), (interpersonal.Value, interpersonal.Lean, interpersonal.Flow, interpersonal.NeedsCare));
        Assert.Equal(["consciousness", "interpersonal"], r.Domains.Where(d => d.NeedsCare).Select(d => d.Domain));
        Assert.Equal((0, "flowing", 3, false), (r.Domains[3].Value, r.Domains[3].Lean, r.Domains[3].Flow, r.Domains[3].NeedsCare));

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await client.PostAsJsonAsync("/api/v1/integration", new { answers = Answers() });
        var list = (await client.GetFromJsonAsync<List<IntegrationReflectionDto>>("/api/v1/integration", Json))!;
        Assert.Equal(2, list.Count);
        Assert.Equal(r.Id, list[1].Id);
        Assert.DoesNotContain(list[0].Domains, d => d.NeedsCare);
    }

    private static readonly (string Body, string Field)[] BadReflections =
    [
        ("""{}""", "answers"),
        ("""{"answers":{"consciousness":0}}""", "answers.horizontal"),
        ("""{"answers":{"consciousness":4,"horizontal":0,"vertical":0,"memory":0,"narrative":0,"state":0,"interpersonal":0,"temporal":0,"transpirational":0}}""", "answers.consciousness"),
        ("""{"answers":{"consciousness":0,"horizontal":-4,"vertical":0,"memory":0,"narrative":0,"state":0,"interpersonal":0,"temporal":0,"transpirational":0}}""", "answers.horizontal"),
        ("""{"answers":{"consciousness":0,"horizontal":0,"vertical":0,"memory":0,"narrative":0,"state":0,"interpersonal":0,"temporal":0,"transpirational":0,"spiritual":1}}""", "answers.spiritual"),
        ("""{"answers":{"consciousness":0,"horizontal":0,"vertical":0,"memory":0,"narrative":0,"state":0,"interpersonal":0,"temporal":0,"transpirational":0,"Memory":1}}""", "answers.memory"),
        ("""{"answers":{"consciousness":"chaos","horizontal":0,"vertical":0,"memory":0,"narrative":0,"state":0,"interpersonal":0,"temporal":0,"transpirational":0}}""", ""),
        ("""{"answers":[0,0,0,0,0,0,0,0,0]}""", ""),
        ("""{"answers":{"consciousness":0,"horizontal":0,"vertical":0,"memory":0,"narrative":0,"state":0,"interpersonal":0,"temporal":0,"transpirational":0},"idempotencyKey":""}""", "idempotencyKey"),
    ];

    [Theory, ClassData(typeof(Providers))]
    public async Task A_bad_reflection_is_refused_with_a_problem_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        foreach (var (body, field) in BadReflections)
        {
            using var response = await client.PostAsync("/api/v1/integration", new StringContent(body, Encoding.UTF8, "application/json"));

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} -> {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field.Length > 0)
            {
                using var problem = JsonDocument.Parse(text);
                Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{body} -> {text}");
            }
            Assert.Equal(0, await CountAsync(factory));
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_repeated_reflection_is_refused_and_others_see_only_what_a_measures_grant_allows(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (owner, ownerClient) = await TestUsers.SignedInAsync(factory);
        var (therapist, therapistClient) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        using var anonymous = factory.CreateClient();

        var body = new { answers = Answers(temporal: 3), idempotencyKey = "reflect-1" };
        Assert.Equal(HttpStatusCode.Created, (await ownerClient.PostAsJsonAsync("/api/v1/integration", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ownerClient.PostAsJsonAsync("/api/v1/integration", body)).StatusCode);
        Assert.Equal(1, await CountAsync(factory));

        Assert.Empty((await stranger.GetFromJsonAsync<List<IntegrationReflectionDto>>("/api/v1/integration?owner=all", Json))!);
        await TestSharing.ShareAsync(ownerClient, therapist, therapistClient, "measures");
        Assert.Single((await therapistClient.GetFromJsonAsync<List<IntegrationReflectionDto>>("/api/v1/integration?owner=shared", Json))!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/integration")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/integration", new { answers = Answers() })).StatusCode);
        using var checkInsOnly = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.CheckInsRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await checkInsOnly.GetAsync("/api/v1/integration")).StatusCode);
        using var reader = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.MeasuresRead);
        Assert.Single((await reader.GetFromJsonAsync<List<IntegrationReflectionDto>>("/api/v1/integration", Json))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/integration", new { answers = Answers() })).StatusCode);
    }

    internal static async Task<int> CountAsync(AttuneWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await Access.Unchecked<IntegrationReflection>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).CountAsync();
    }
}
