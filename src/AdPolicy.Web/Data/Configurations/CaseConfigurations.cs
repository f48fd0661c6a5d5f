using System.Linq.Expressions;
using System.Text.Json;
using AdPolicy.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdPolicy.Web.Data.Configurations;

/// <summary>Column sizes every case and timeline shares.</summary>
internal static class CaseColumns
{
    /// <summary>The most a person's name may take (assignee, decider, actor).</summary>
    public const int NameMaxLength = 200;
}

/// <summary>
/// The mapping every case shares (<see cref="CaseRecord{TEvent, TKind, TStatus}"/>): its table, its number from a
/// sequence, assignment and decision columns, the row version and its timeline. A case kind adds its own columns.
/// </summary>
internal abstract class CaseConfiguration<TCase, TEvent, TKind, TStatus> : IEntityTypeConfiguration<TCase>
    where TCase : CaseRecord<TEvent, TKind, TStatus>
    where TEvent : TimelineEvent<TKind, TStatus>
    where TKind : struct, Enum
    where TStatus : struct, Enum
{
    protected abstract string Table { get; }

    /// <summary>The sequence that numbers the case kind's references.</summary>
    protected abstract string NumberSequence { get; }

    /// <summary>The event's column that points at its case.</summary>
    protected abstract Expression<Func<TEvent, object?>> EventCase { get; }

    protected virtual int DecisionReasonMaxLength => 4000;

    public void Configure(EntityTypeBuilder<TCase> builder)
    {
        builder.ToTable(Table);
        builder.Property(x => x.Number).HasDefaultValueSql($"nextval('{NumberSequence}')");
        builder.HasIndex(x => x.Number).IsUnique();
        builder.Property(x => x.AssigneeName).HasMaxLength(CaseColumns.NameMaxLength);
        builder.Property(x => x.DecidedByName).HasMaxLength(CaseColumns.NameMaxLength);
        builder.Property(x => x.DecisionReason).HasMaxLength(DecisionReasonMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.Ignore(x => x.Reference);
        builder.HasMany(x => x.Events).WithOne().HasForeignKey(EventCase).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Property); // read-only: EF adds to the list the getter returns
        ConfigureCase(builder);
    }

    /// <summary>The case kind's own columns, indexes and relations.</summary>
    protected abstract void ConfigureCase(EntityTypeBuilder<TCase> builder);
}

/// <summary>
/// The mapping every timeline event shares: who, when, what they wrote, and its values as a JSON object in a
/// <c>data</c> column; one sequence number per event of a case.
/// </summary>
internal abstract class TimelineEventConfiguration<TEvent, TKind, TStatus> : IEntityTypeConfiguration<TEvent>
    where TEvent : TimelineEvent<TKind, TStatus>
    where TKind : struct, Enum
    where TStatus : struct, Enum
{
    private static readonly ValueConverter<IReadOnlyDictionary<string, string>?, string> AsJson = new(
        values => JsonSerializer.Serialize(values!, (JsonSerializerOptions?)null),
        json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>());

    private static readonly ValueComparer<IReadOnlyDictionary<string, string>?> ByContent = new(
        (a, b) => a == null ? b == null : b != null && a.Count == b.Count && a.All(p => b.ContainsKey(p.Key) && b[p.Key] == p.Value),
        values => values == null ? 0 : values.Aggregate(0, (hash, p) => HashCode.Combine(hash, p.Key, p.Value)),
        values => values == null ? null : new Dictionary<string, string>(values));

    protected abstract string Table { get; }

    /// <summary>The event's case and sequence number: unique, the timeline's order.</summary>
    protected abstract Expression<Func<TEvent, object?>> CaseAndSequence { get; }

    public void Configure(EntityTypeBuilder<TEvent> builder)
    {
        builder.ToTable(Table);
        builder.Property(x => x.ActorName).HasMaxLength(CaseColumns.NameMaxLength);
        builder.Property(x => x.Text).HasMaxLength(TimelineEvent<TKind, TStatus>.MaxTextLength);
        builder.Property(x => x.Values).HasColumnName("data").HasColumnType("jsonb").HasConversion(AsJson, ByContent);
        builder.Property(x => x.Facts).HasColumnName("facts").HasColumnType("jsonb").HasConversion(FactsMapping.Converter, FactsMapping.Comparer);
        builder.HasIndex(CaseAndSequence).IsUnique();
        ConfigureEvent(builder);
    }

    /// <summary>The event kind's own columns.</summary>
    protected virtual void ConfigureEvent(EntityTypeBuilder<TEvent> builder)
    {
    }
}
