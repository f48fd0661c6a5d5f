using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Identity;

/// <summary>
/// One signed-in session, kept on the server: the browser's cookie holds only its id. Deleting the row ends the
/// session on its next request, whatever the browser kept.
/// </summary>
public sealed class AuthSession
{
    public string Id { get; set; } = string.Empty;

    public Guid UserId { get; set; }

    /// <summary>The authentication ticket (claims and properties), serialised and encrypted with DataProtection.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> builder)
    {
        builder.ToTable("auth_sessions");
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.HasIndex(x => x.UserId);
        builder.HasIndex(x => x.ExpiresAt);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
