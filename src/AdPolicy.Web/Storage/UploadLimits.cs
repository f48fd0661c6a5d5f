namespace AdPolicy.Web.Storage;

public sealed class UploadLimits
{
    public const string Section = "Uploads";

    private const long Megabyte = 1024 * 1024;

    [System.ComponentModel.DataAnnotations.Range(1L, 1L << 30, ErrorMessage = "Uploads:AttachmentMaxBytes must be between 1 byte and 1 GB.")]
    public long AttachmentMaxBytes { get; set; } = 10 * Megabyte;

    /// <summary>Review-request evidence: certificates and business documents (PDF or image).</summary>
    [System.ComponentModel.DataAnnotations.Range(1L, 1L << 30, ErrorMessage = "Uploads:DocumentMaxBytes must be between 1 byte and 1 GB.")]
    public long DocumentMaxBytes { get; set; } = 10 * Megabyte;

    /// <summary>Review-request evidence: order, shipping and logistics lists (CSV).</summary>
    [System.ComponentModel.DataAnnotations.Range(1L, 1L << 30, ErrorMessage = "Uploads:OrderListMaxBytes must be between 1 byte and 1 GB.")]
    public long OrderListMaxBytes { get; set; } = 20 * Megabyte;

    /// <summary>Review-request evidence: stock and unboxing videos.</summary>
    [System.ComponentModel.DataAnnotations.Range(1L, 10L << 30, ErrorMessage = "Uploads:VideoMaxBytes must be between 1 byte and 10 GB.")]
    public long VideoMaxBytes { get; set; } = 500 * Megabyte;

    [System.ComponentModel.DataAnnotations.Range(1, 50, ErrorMessage = "Uploads:MaxFilesPerUpload must be between 1 and 50 files.")]
    public int MaxFilesPerUpload { get; set; } = 5;
}
