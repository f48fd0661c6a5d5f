using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Queue;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace AdPolicy.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The provider and the naming convention, the same for the app, design-time tools, tests and benchmarks.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
            .ReplaceService<IQueryCompilationContextFactory, CompiledShapersQueryCompilationContextFactory>(); // shapers compiled once per query, not per execution

    /// <summary>
    /// The app's pool settings (issue 17), unless the connection string sets them: EF opens and closes a pooled connection
    /// per query, and by default each reuse first runs DISCARD ALL (about a quarter of the database's CPU per page view)
    /// and nothing is prepared. The app keeps no session state on a connection (its locks are transaction-scoped, the
    /// migration lock is released explicitly), so the reset is skipped; the statements a page sends over and over are
    /// prepared on each physical connection after a few uses.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    public static DbContextOptions<AppDbContext> Options(string connectionString) =>
        (DbContextOptions<AppDbContext>)Configure(new DbContextOptionsBuilder<AppDbContext>(), connectionString).Options;

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<AdAccount> AdAccounts => Set<AdAccount>();

    public DbSet<Promotion> Promotions => Set<Promotion>();

    public DbSet<Ad> Ads => Set<Ad>();

    public DbSet<RefundRequest> RefundRequests => Set<RefundRequest>();

    public DbSet<RefundEvent> RefundEvents => Set<RefundEvent>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Deadlines.DemoClockOffset> DemoClockOffsets => Set<Deadlines.DemoClockOffset>();

    public DbSet<Deadlines.SuspensionEnding> SuspensionEndings => Set<Deadlines.SuspensionEnding>();

    public DbSet<Deadlines.StandingCheck> StandingChecks => Set<Deadlines.StandingCheck>();

    public DbSet<EnforcementEvent> EnforcementEvents => Set<EnforcementEvent>();

    public DbSet<QueueItem> QueueItems => Set<QueueItem>();

    public DbSet<QueueCount> QueueCounts => Set<QueueCount>();

    public DbSet<QueueCountDelta> QueueCountDeltas => Set<QueueCountDelta>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<AceComplaint> AceComplaints => Set<AceComplaint>();

    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();

    public DbSet<Complaints.ComplaintSubmission> ComplaintSubmissions => Set<Complaints.ComplaintSubmission>();

    public DbSet<Violation> Violations => Set<Violation>();

    public DbSet<Deadline> Deadlines => Set<Deadline>();

    public DbSet<DeadlineSanction> DeadlineSanctions => Set<DeadlineSanction>();

    public DbSet<ReviewRequest> ReviewRequests => Set<ReviewRequest>();

    public DbSet<ReviewEvent> ReviewEvents => Set<ReviewEvent>();

    public DbSet<ReviewEvidenceVersion> ReviewEvidenceVersions => Set<ReviewEvidenceVersion>();

    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();

    public DbSet<Api.ApiKey> ApiKeys => Set<Api.ApiKey>();

    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();

    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();

    public DbSet<Webhooks.WebhookEvent> WebhookEvents => Set<Webhooks.WebhookEvent>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();

    /// <summary>Keeps each changed case's queue row in the same transaction as the case.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The projection reads the tracker several times: changes are detected once for all of them (it was once per read).
        ChangeTracker.DetectChanges();
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await QueueProjection.SyncAsync(this, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Only DataProtection's key store saves synchronously (PersistKeysToDbContext); cases go through SaveChangesAsync.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged && e.Entity is not DataProtectionKey))
        {
            throw new NotSupportedException("Use SaveChangesAsync: it keeps the staff queue in step with the cases.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        foreach (var type in typeof(RefundRequest).Assembly.GetTypes().Where(t => t.IsEnum))
        {
            configurationBuilder.Properties(type).HaveConversion<string>().HaveMaxLength(40);
            var nullable = typeof(Nullable<>).MakeGenericType(type);
            configurationBuilder.Properties(nullable).HaveConversion<string>().HaveMaxLength(40);
        }

        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasSequence<long>("refund_number_seq").StartsAt(1001);
        builder.HasSequence<long>("ace_complaint_number_seq").StartsAt(1001);
        builder.HasSequence<long>("review_request_number_seq").StartsAt(1001);
        builder.HasSequence<long>("violation_number_seq").StartsAt(1001);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.Entity<AppUser>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.TimeZone).HasMaxLength(64);
            u.Property(x => x.Language).HasMaxLength(8);
            u.HasIndex(x => x.OrganisationId);
            u.HasIndex(x => x.NormalizedEmail).HasDatabaseName("email_index");
            u.HasIndex(x => x.NormalizedUserName).HasDatabaseName("user_name_index");
        });

        // Identity's tables without the AspNet prefix, and its explicitly named indexes in snake_case too.
        builder.Entity<IdentityRole<Guid>>(r =>
        {
            r.ToTable("roles");
            r.HasIndex(x => x.NormalizedName).HasDatabaseName("role_name_index");
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        KeepTheGeneratedGuidKeysClientSide(builder);
    }

    /// <summary>Client-generated Guid keys are never generated by the store.</summary>
    private static void KeepTheGeneratedGuidKeysClientSide(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.IsPrimaryKey() && property.ClrType == typeof(Guid))
            {
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }
}
