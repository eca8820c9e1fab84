using Attune.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Demo;

/// <summary>Marks an account made by "Try with sample data": shown as a demo everywhere and erased after <see cref="Demos.Lifetime"/>.</summary>
public sealed class DemoAccount
{
    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class DemoAccountConfiguration : IEntityTypeConfiguration<DemoAccount>
{
    public void Configure(EntityTypeBuilder<DemoAccount> b)
    {
        b.ToTable("DemoAccounts");
        b.HasKey(d => d.UserId);
        b.HasIndex(d => d.CreatedAt);
        b.HasOne<AppUser>().WithOne().HasForeignKey<DemoAccount>(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
