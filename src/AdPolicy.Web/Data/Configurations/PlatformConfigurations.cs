using System.Text.Json;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Data.Configurations;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("evidence_files");
        builder.Property(x => x.FileName).HasMaxLength(255);
        builder.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(x => x.UploadedByName).HasMaxLength(200);
        builder.Ignore(x => x.ContentType);
        builder.HasIndex(x => new { x.CaseKind, x.CaseId });
        builder.HasIndex(x => x.Sha256);
    }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    private static volatile ReadSettings? _lastRead;

    public void Configure(EntityTypeBuilder<PolicyVersion> builder)
    {
        builder.ToTable("policy_versions");
        builder.HasKey(x => x.Version);
        builder.Property(x => x.Version).ValueGeneratedNever();
        builder.Property(x => x.ChangedByName).HasMaxLength(200);
        builder.Property(x => x.Note).HasMaxLength(1000);
        builder.Property(x => x.Settings)
            .HasColumnType("jsonb")
            .HasConversion(
                s => SettingsToJson(s),
                s => SettingsFromJson(s),
                new ValueComparer<PolicySettings>((a, b) => a == b, s => s.GetHashCode(), s => s));
    }

    // Methods, not the options field in the lambdas: the compiled model writes the lambdas out as code (see FactsMapping).
    public static string SettingsToJson(PolicySettings settings) => JsonSerializer.Serialize(settings, Json);

    /// <summary>
    /// The settings in <paramref name="json"/>; the same text as the last read gives the same (immutable) settings without
    /// parsing them again (issue 17: the ACE and promotions pages and every sweep read the policy, and it seldom changes).
    /// </summary>
    public static PolicySettings SettingsFromJson(string json)
    {
        if (_lastRead is { } last && string.Equals(last.Json, json, StringComparison.Ordinal))
        {
            return last.Settings;
        }

        var settings = JsonSerializer.Deserialize<PolicySettings>(json, Json) ?? PolicySettings.Defaults;
        _lastRead = new ReadSettings(json, settings);
        return settings;
    }

    private sealed record ReadSettings(string Json, PolicySettings Settings);
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.Property(x => x.FriendlyName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Xml).IsRequired();
    }
}
