using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Data.Configurations;

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.ToTable("promotions");
        builder.Property(x => x.ExternalCampaignId).HasMaxLength(64);
        builder.HasIndex(x => x.ExternalCampaignId).IsUnique();
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Objective).HasMaxLength(100);
        builder.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(x => x.TargetingSummary).HasMaxLength(1000);
        builder.Property(x => x.StatusReason).HasMaxLength(1000);
        builder.Property(x => x.StatusWhy).AsFact("status_why");
        builder.Property(x => x.Version).IsRowVersion();
        builder.Ignore(x => x.Budget);
        builder.Ignore(x => x.Spent);
        builder.Ignore(x => x.WasStoppedForPolicy);
        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Ads).WithOne().HasForeignKey(x => x.PromotionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Ads).HasField("_ads").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(x => new { x.AdAccountId, x.StartsAt });

        // Lifting a missed deadline's sanction finds the ad plan it cancelled.
        builder.HasIndex(x => x.CancelledForDeadlineId);
    }
}

internal sealed class AdConfiguration : IEntityTypeConfiguration<Ad>
{
    public void Configure(EntityTypeBuilder<Ad> builder)
    {
        builder.ToTable("ads");
        builder.Property(x => x.ExternalAdId).HasMaxLength(64);
        builder.HasIndex(x => x.ExternalAdId).IsUnique();
        builder.Property(x => x.Headline).HasMaxLength(300);
        builder.Property(x => x.StatusReason).HasMaxLength(1000);
        builder.Property(x => x.StatusWhy).AsFact("status_why");
        builder.Ignore(x => x.IsLive);
    }
}
