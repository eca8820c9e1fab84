using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Attune.Web.Data.Migrations;

/// <summary>
/// A migration whose steps are a hand-written SQL script embedded in the assembly, one script per
/// provider: <c>Data/Migrations/{Provider}/{Id}.sql</c> (and an optional <c>{Id}.down.sql</c>).
/// </summary>
public abstract class SqlMigration : Migration
{
    protected abstract string Provider { get; }

    private string Id => GetType().GetCustomAttribute<MigrationAttribute>()?.Id
        ?? throw new InvalidOperationException($"{GetType().Name} has no [Migration] attribute.");

    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Load($"{Id}.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Load($"{Id}.down.sql"));

    private string Load(string file)
    {
        var name = $"Attune.Web.Data.Migrations.{Provider}.{file}";
        using var stream = typeof(SqlMigration).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
