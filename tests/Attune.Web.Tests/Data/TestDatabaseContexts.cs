using Attune.Web.Data;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Attune.Web.Tests.Data;

/// <summary>Opens a context straight on a <see cref="TestDatabase"/>, without starting the app.</summary>
internal static class TestDatabaseContexts
{
    public static AttuneDb NewContext(this TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? new SqliteAttuneDb(new DbContextOptionsBuilder<SqliteAttuneDb>()
            .UseSqlite($"Data Source={Path.Combine(database.DataDirectory, "attune.db")}")
            .ConfigureWarnings(IgnorePendingModelChanges).Options)
        : new PostgresAttuneDb(new DbContextOptionsBuilder<PostgresAttuneDb>()
            .UseNpgsql(database.ConnectionString)
            .ConfigureWarnings(IgnorePendingModelChanges).Options);

    private static void IgnorePendingModelChanges(WarningsConfigurationBuilder w) => w.Ignore(RelationalEventId.PendingModelChangesWarning);
}
