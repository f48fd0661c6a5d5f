using System.Text.Json;
using System.Text.Json.Serialization;
using AdPolicy.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdPolicy.Web.Data.Configurations;

/// <summary>
/// A list of <see cref="Fact"/>s in a <c>jsonb</c> column: <c>[{"kind":"AdReinstated","values":{"ad":"AD-1"}}]</c>, the
/// kind by name so a reordered enum never changes what a stored row says.
/// </summary>
internal static class FactsMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // Through methods, not the options field: EF's compiled model (Data/CompiledModel) writes these lambdas out as code,
    // and generated code cannot read a private field.
    public static readonly ValueConverter<IReadOnlyList<Fact>?, string> Converter = new(
        facts => ToJson(facts),
        json => FromJson(json));

    public static string ToJson(IReadOnlyList<Fact>? facts) => JsonSerializer.Serialize(facts!, Json);

    public static IReadOnlyList<Fact>? FromJson(string json) => JsonSerializer.Deserialize<List<Fact>>(json, Json) ?? new List<Fact>();

    public static readonly ValueComparer<IReadOnlyList<Fact>?> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        facts => facts == null ? 0 : facts.Aggregate(0, (hash, f) => HashCode.Combine(hash, f)),
        facts => facts == null ? null : facts.ToList());

    /// <summary>One fact in a <c>jsonb</c> column (why an ad stopped, why a violation was removed).</summary>
    public static readonly ValueConverter<Fact?, string?> One = new(
        fact => fact == null ? null : OneToJson(fact),
        json => json == null ? null : OneFromJson(json));

    public static string OneToJson(Fact fact) => JsonSerializer.Serialize(fact, Json);

    public static Fact? OneFromJson(string json) => JsonSerializer.Deserialize<Fact>(json, Json);

    /// <summary>Facts compare by kind and values (<see cref="Fact.Equals(Fact?)"/>).</summary>
    public static readonly ValueComparer<Fact?> OneComparer = new(
        (a, b) => a == null ? b == null : a.Equals(b),
        fact => fact == null ? 0 : fact.GetHashCode(),
        fact => fact);

    /// <summary>Maps <paramref name="property"/> as one fact in the <c>jsonb</c> column <paramref name="column"/>.</summary>
    public static void AsFact<T>(this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> property, string column) =>
        property.HasColumnName(column).HasColumnType("jsonb").HasConversion(One!, OneComparer!);
}
