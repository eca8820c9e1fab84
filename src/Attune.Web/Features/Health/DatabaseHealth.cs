using System.Data.Common;
using Attune.Web.Data;
using Microsoft.Data.Sqlite;

namespace Attune.Web.Features.Health;

/// <summary>
/// Whether the database can still be written and, on SQLite, is intact: a real committed write (SQLite rewrites
/// its header through the journal, PostgreSQL commits a transaction id), and <c>PRAGMA quick_check</c>. Both cost
/// far more than the health check's one small read, so their answer is kept for a few seconds (the integrity check
/// for minutes) and one caller at a time renews it.
/// </summary>
public sealed class DatabaseHealth(DatabaseConnection database, TimeProvider clock, IConfiguration configuration, ILogger<DatabaseHealth> log)
{
    private readonly TimeSpan _writeEvery = TimeSpan.FromSeconds(configuration.GetValue("Health:WriteCheckSeconds", 5));
    private readonly TimeSpan _integrityEvery = TimeSpan.FromMinutes(configuration.GetValue("Health:IntegrityCheckMinutes", 10));
    private readonly SemaphoreSlim _one = new(1, 1);
    private DateTimeOffset _writeCheckedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _integrityCheckedAt = DateTimeOffset.MinValue;
    private bool _healthy = true;

    public async Task<bool> IsWritableAndIntactAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        if (now - _writeCheckedAt < _writeEvery)
        {
            return _healthy;
        }
        await _one.WaitAsync(cancel);
        try
        {
            now = clock.GetUtcNow();
            if (now - _writeCheckedAt >= _writeEvery)
            {
                var integrityDue = now - _integrityCheckedAt >= _integrityEvery;
                _healthy = await CheckAsync(integrityDue, cancel);
                _writeCheckedAt = now;
                if (integrityDue)
                {
                    _integrityCheckedAt = now;
                }
            }
            return _healthy;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<bool> CheckAsync(bool integrity, CancellationToken cancel)
    {
        try
        {
            if (database.SqliteFile is null)
            {
                await database.ScalarAsync("SELECT txid_current()", cancel: cancel);
                return true;
            }
            // A fresh connection, so the check reads the file rather than pages a pooled connection has cached. A write lock
            // held elsewhere is waited for about as long as busy_timeout (5 s), not the 30 s Microsoft.Data.Sqlite's own
            // retries would add: a proxy or orchestrator polling /healthz should hear "unavailable" while it still listens.
            var fresh = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false, DefaultTimeout = 1 }.ToString();
            await using var connection = new SqliteConnection(fresh);
            await connection.OpenAsync(cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = DatabaseConnection.SqlitePragmas + " PRAGMA user_version;";
            var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = $"PRAGMA user_version = {version};";
            await command.ExecuteNonQueryAsync(cancel);
            if (integrity)
            {
                command.CommandText = "PRAGMA quick_check;";
                var result = Convert.ToString(await command.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture);
                if (result != "ok")
                {
                    log.LogError("The SQLite database at {Path} failed its integrity check: {Result}", database.SqliteFile, result);
                    return false;
                }
            }
            return true;
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
        {
            log.LogError("The database cannot be written: {Reason}", e.Message);
            return false;
        }
    }
}
