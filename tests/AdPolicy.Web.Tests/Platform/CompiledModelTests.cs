using System.Text.RegularExpressions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Data.CompiledModel;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// The app starts on the compiled model in Data/CompiledModel (issue 17: building the model took a third of a second of
/// every start), which EF uses instead of running OnModelCreating. A model change without regenerating it would run on
/// the old mapping, so the checked-in files must be exactly what <c>dotnet ef dbcontext optimize</c> writes now.
/// </summary>
public sealed partial class CompiledModelTests
{
    private const string Refresh =
        "The compiled model is stale: run 'dotnet ef dbcontext optimize --project src/AdPolicy.Web --output-dir Data/CompiledModel --namespace AdPolicy.Web.Data.CompiledModel' (README, 'Changing the database').";

    [Fact]
    public void TheCompiledModel_IsWhatOptimizeWritesForTheModelInCode()
    {
        using var db = new AppDbContext(AppDbContext.Options("Host=localhost;Database=adpolicy"));
        var generated = Directory.CreateTempSubdirectory("adpolicy-compiled-model-");
        try
        {
            var written = Scaffold(db, generated.FullName);
            var folder = Path.Combine(BrowserFixture.RepositoryRoot(), "src", "AdPolicy.Web", "Data", "CompiledModel");
            var checkedIn = Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

            Assert.True(written.Select(Path.GetFileName).Order(StringComparer.Ordinal).SequenceEqual(checkedIn), Refresh);
            Assert.All(written, file => Assert.True(
                string.Equals(Normalised(file), Normalised(Path.Combine(folder, Path.GetFileName(file))), StringComparison.Ordinal),
                $"{Path.GetFileName(file)}: {Refresh}"));
        }
        finally
        {
            generated.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheApp_RunsOnTheCompiledModel_AndItHasEveryEntityOfTheModelInCode()
    {
        using var db = new AppDbContext(AppDbContext.Options("Host=localhost;Database=adpolicy"));

        Assert.IsType<AppDbContextModel>(db.Model, exactMatch: false);
        var designed = db.GetService<IDesignTimeModel>().Model.GetEntityTypes().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(designed, db.Model.GetEntityTypes().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>What the optimize command writes: EF's scaffolder over the model built from OnModelCreating.</summary>
    private static IReadOnlyList<string> Scaffold(AppDbContext db, string folder)
    {
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
        // The provider's design-time services, found the way the tool finds them (by the provider assembly's attribute).
        var providerServices = typeof(NpgsqlDbContextOptionsBuilderExtensions).Assembly.GetCustomAttributes(typeof(DesignTimeProviderServicesAttribute), false)
            .Cast<DesignTimeProviderServicesAttribute>().Single().TypeName;
        ((IDesignTimeServices)Activator.CreateInstance(typeof(NpgsqlDbContextOptionsBuilderExtensions).Assembly.GetType(providerServices, throwOnError: true)!)!)
            .ConfigureDesignTimeServices(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
            db.GetService<IDesignTimeModel>().Model,
            folder,
            new CompiledModelCodeGenerationOptions
            {
                ContextType = typeof(AppDbContext),
                ModelNamespace = typeof(AppDbContextModel).Namespace!,
                Language = "C#",
                UseNullableReferenceTypes = true,
            });
    }

    /// <summary>The file as compared: each model build has a new id (modelId: new Guid("…")), which is no change of mapping.</summary>
    private static string Normalised(string path) =>
        ModelId().Replace(File.ReadAllText(path).ReplaceLineEndings("\n"), "modelId: new Guid()");

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial Regex ModelId();
}
