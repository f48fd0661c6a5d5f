using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Data;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Storage;

public enum EvidenceStoreKind
{
    FileSystem,
    S3,
}

/// <summary>The "Evidence" configuration section: which store keeps the uploaded files, and where.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    public EvidenceStoreKind Store { get; set; } = EvidenceStoreKind.FileSystem;

    /// <summary>FileSystem: the folder (outside the web root; shared storage when several instances run). Default <c>&lt;repo&gt;/.local/evidence</c>.</summary>
    public string? Root { get; set; }

    public S3EvidenceOptions S3 { get; set; } = new();
}

public static class EvidenceStorage
{
    /// <summary>Evidence files: the store, checking uploads by content and size, and streaming them in.</summary>
    public static void AddEvidence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEvidenceStore(builder.Configuration, LocalData.Folder(builder.Configuration, builder.Environment));
        services.AddSingleton<EvidenceIntake>();
        services.AddSingleton<CaseAttachments>();
        services.AddSingleton<StreamedUploadReader>();
        services.AddValidatedOptions<UploadLimits>(UploadLimits.Section);
    }

    /// <summary>Registers the evidence store <c>Evidence:Store</c> names; a wrong setting stops the app at start with a sentence.</summary>
    public static IServiceCollection AddEvidenceStore(this IServiceCollection services, IConfiguration configuration, string localDataFolder)
    {
        services.AddOptions<EvidenceOptions>()
            .Bind(configuration.GetSection(EvidenceOptions.Section))
            .Validate(
                o => o.Store != EvidenceStoreKind.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket),
                "Evidence:Store is S3 but Evidence:S3:Bucket is empty: name the bucket that keeps the evidence.")
            .Validate(
                o => o.Store != EvidenceStoreKind.S3 || o.S3.PartSizeMegabytes is >= 5 and <= 512,
                "Evidence:S3:PartSizeMegabytes must be between 5 (S3's smallest part) and 512.")
            .Validate(
                o => o.Store != EvidenceStoreKind.S3 || string.IsNullOrEmpty(o.S3.ServiceUrl) || Uri.TryCreate(o.S3.ServiceUrl, UriKind.Absolute, out _),
                "Evidence:S3:ServiceUrl must be an absolute URL such as http://minio:9000.")
            .Validate(
                o => string.IsNullOrEmpty(o.S3.AccessKey) == string.IsNullOrEmpty(o.S3.SecretKey),
                "Evidence:S3:AccessKey and Evidence:S3:SecretKey go together: set both, or neither to use the AWS environment variables or profile.")
            .ValidateOnStart();
        services.AddSingleton<IEvidenceStore>(sp =>
        {
            var evidence = sp.GetRequiredService<IOptions<EvidenceOptions>>().Value;
            return evidence.Store switch
            {
                EvidenceStoreKind.S3 => new S3EvidenceStore(evidence.S3.CreateClient(), evidence.S3),
                _ => new FileSystemEvidenceStore(evidence.Root is { Length: > 0 } root
                    ? root
                    : Path.Combine(localDataFolder, "evidence")),
            };
        });
        return services;
    }
}
