using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attune.Web.Tests.Data;

/// <summary>
/// What a database actually contains, read back from the server's catalogue as sorted text lines:
/// one line per column (type, nullability, default), index and constraint. Two databases with equal
/// snapshots have the same schema, table by table and column by column.
/// </summary>
internal static class SchemaSnapshot
{
    private static readonly string[] EfTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    public static async Task<List<string>> ReadAsync(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => await ReadSqliteAsync(sqlite),
        NpgsqlConnection npgsql => await ReadPostgresAsync(npgsql),
        _ => throw new NotSupportedException(connection.GetType().Name),
    };

    private static async Task<List<string>> ReadSqliteAsync(SqliteConnection c)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
        foreach (var table in tables.Where(t => !EfTables.Contains(t)))
        {
            lines.Add($"table {table}");
            lines.AddRange(await QueryAsync(c, $"PRAGMA table_info(\"{table}\")",
                r => $"column {table}.{r.GetString(1)} type={r.GetString(2)} notnull={r.GetInt64(3)} default={(r.IsDBNull(4) ? "" : r.GetString(4))} pk={r.GetInt64(5)}"));
            lines.AddRange(await QueryAsync(c, $"PRAGMA foreign_key_list(\"{table}\")",
                r => $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on_delete={r.GetString(6)}"));
            var indexes = await QueryAsync(c, $"PRAGMA index_list(\"{table}\")", r => (Name: r.GetString(1), Unique: r.GetInt64(2), Origin: r.GetString(3)));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(c, $"PRAGMA index_info(\"{index.Name}\")", r => r.GetString(2));
                lines.Add($"index {table}.{index.Name} unique={index.Unique} origin={index.Origin} ({string.Join(",", columns)})");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(NpgsqlConnection c)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(c, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, coalesce(column_default, ''), coalesce(is_identity, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """, r => $"column {r.GetString(0)}.{r.GetString(1)} type={r.GetString(2)}({r.GetString(3)}) nullable={r.GetString(4)} default={r.GetString(5)} identity={r.GetString(6)}"));
        lines.AddRange(await QueryAsync(c, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => $"index {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.AddRange(await QueryAsync(c, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """, r => $"constraint {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.RemoveAll(l => EfTables.Any(t => l.Contains(t, StringComparison.Ordinal)));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection c, string sql, Func<DbDataReader, T> map)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(map(reader));
        }
        return list;
    }
}
