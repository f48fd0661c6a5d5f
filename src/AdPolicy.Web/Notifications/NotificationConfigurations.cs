using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(x => x.Title).HasMaxLength(Notification.TitleMaxLength);
        builder.Property(x => x.Body).HasMaxLength(Notification.BodyMaxLength);
        builder.Property(x => x.Link).HasMaxLength(Notification.LinkMaxLength);
        builder.Ignore(x => x.IsRead);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_notifications_users_user_id");

        // The notification centre: a user's notifications, newest first, keyset-paged on (created_at, id).
        builder.HasIndex(x => new { x.UserId, x.CreatedAt, x.Id });

        // The header badge and "mark all read": only the unread rows of a user.
        builder.HasIndex(x => new { x.UserId, x.CreatedAt }, "ix_notifications_unread").HasFilter("read_at IS NULL")
            .HasDatabaseName("ix_notifications_unread");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(x => x.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength);
        builder.Property(x => x.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(x => x.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);

        // The sender's claim: unsent messages that are due, oldest due first.
        builder.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
    }
}
