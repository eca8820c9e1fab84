using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Sharing;

/// <summary>
/// The access layer cannot be bypassed by accident: a query over health data that did not come from
/// <see cref="Access"/> fails the first time it runs, in any test that reaches it.
/// </summary>
public sealed class HealthDataGuardTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task A_query_over_health_data_that_bypasses_the_access_layer_is_refused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var someone = Guid.NewGuid();

        var read = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Set<Recording>().Where(r => r.OwnerId == someone).ToListAsync());
        Assert.Contains("access layer", read.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Set<Recording>().Where(r => r.Id == someone).ExecuteDeleteAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Set<Recording>().CountAsync());
        // Hiding the set inside another query does not get past it either.
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Users.Where(u => db.Set<Recording>().Any(r => r.OwnerId == u.Id)).ToListAsync());

        var access = scope.ServiceProvider.GetRequiredService<Access>();
        Assert.Empty(await access.Own<Recording>(someone).ToListAsync());
        Assert.Null(await access.FindAsync<Recording, string>(someone, Guid.NewGuid(), r => r.Name, CancellationToken.None));
    }

    [Fact]
    public async Task Every_entity_with_an_owner_is_health_data_or_part_of_the_access_layer()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AttuneDb>().Model;
        // The audit log names owners by id only and holds no health data (decision 0011). An analysis job holds ids, a
        // state and a lease, nothing of the recording, and is reached only after the recording's own access check or by
        // the nodes' sweeper on the owner's behalf (decision 0022); its result (StoredAnalysis) has no owner column and is
        // read through the recording.
        var sharing = new[] { typeof(Grant), typeof(AccessLogEntry), typeof(Attune.Web.Features.Audit.AuditEntry), typeof(AnalysisJob) };

        var owned = model.GetEntityTypes().Where(e => e.FindProperty("OwnerId") is not null).Select(e => e.ClrType).ToList();

        Assert.Contains(typeof(Recording), owned);
        var unguarded = owned.Where(t => !sharing.Contains(t)
            && !t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IOwnedData<>))).ToList();
        Assert.True(unguarded.Count == 0, "Entities with an owner that the access layer does not guard: " + string.Join(", ", unguarded.Select(t => t.Name)));
    }
}
