using AdPolicy.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.Property(x => x.Name).HasMaxLength(200);
    }
}

internal sealed class AdAccountConfiguration : IEntityTypeConfiguration<AdAccount>
{
    public void Configure(EntityTypeBuilder<AdAccount> builder)
    {
        builder.ToTable("ad_accounts");
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasIndex(x => x.At).HasDatabaseName("ix_ledger_entries_at"); // the desk dashboard: refunds paid per week
        builder.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(x => x.Description).HasMaxLength(400);
        builder.Ignore(x => x.Money);
        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.AdAccountId, x.At });

        // A refund is credited once, whatever the clicks, retries or races.
        builder.HasIndex(x => x.RefundRequestId).IsUnique();
    }
}
