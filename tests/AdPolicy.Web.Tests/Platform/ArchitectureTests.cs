using AdPolicy.Domain.Common;
using NetArchTest.Rules;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// The layout docs/architecture.md describes, kept by tests: the domain knows no infrastructure, pages sit on top of
/// the features' services and never the other way round, and features meet only through what they expose.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(DomainRuleException).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(Startup).Assembly;

    /// <summary>The feature folders: each holds its pages, services, queries, EF mapping and background work.</summary>
    public static readonly string[] FeatureNamespaces =
        ["AdPolicy.Web.Complaints", "AdPolicy.Web.Refunds", "AdPolicy.Web.Appeals", "AdPolicy.Web.Deadlines", "AdPolicy.Web.Queue",
         "AdPolicy.Web.Evidence", "AdPolicy.Web.Notifications", "AdPolicy.Web.Accounts", "AdPolicy.Web.Webhooks", "AdPolicy.Web.Storage"];

    /// <summary>A compiled Razor view (a page's markup, a partial, the layout): it sits with its page.</summary>
    private static bool IsView(Type type) => typeof(Microsoft.AspNetCore.Mvc.Razor.RazorPageBase).IsAssignableFrom(type);

    private static readonly Type[] PageModels = Web.GetTypes().Where(t => typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToArray();

    [Fact]
    public void TheDomain_DependsOnNoFrameworkDatabaseOrWebCode()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore", "Microsoft.Extensions", "FluentValidation", "Serilog", "AdPolicy.Web")
            .GetResult();
        Assert.True(result.IsSuccessful, "The domain reaches into infrastructure: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.True(Types.InAssembly(Domain).GetTypes().Count() > 50, "The domain's types were not found.");
    }

    /// <summary>Pages sit on top: no service, query, job or mapping uses a page model, whichever feature it is in.</summary>
    [Fact]
    public void Services_NeverDependOnPages()
    {
        Assert.True(PageModels.Length > 30, "The page models were not found.");
        var result = Types.InAssembly(Web)
            .That().DoNotInherit(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel))
            .And().DoNotInherit(typeof(Microsoft.AspNetCore.Mvc.Razor.RazorPageBase))
            .And().DoNotHaveNameEndingWith("Validator")
            .ShouldNot().HaveDependencyOnAny([.. PageModels.Select(t => t.FullName!)])
            .GetResult();

        // A page's own nested types (its rows, its inputs) are part of the page.
        var offenders = (result.FailingTypes ?? []).Where(t => !PageModels.Contains(t.DeclaringType)).Select(t => t.FullName).ToList();
        Assert.True(offenders.Count == 0, "A service depends on a page: " + string.Join(", ", offenders));
    }

    /// <summary>
    /// Features use each other only through what they expose (their public services): never another feature's
    /// internal types, and never another feature's pages.
    /// </summary>
    [Fact]
    public void Features_ReachEachOtherOnlyThroughWhatTheyExpose()
    {
        var failures = new List<string>();
        foreach (var feature in FeatureNamespaces)
        {
            var theirs = Web.GetTypes()
                .Where(t => t.Namespace is { } ns && (ns == feature || ns.StartsWith(feature + ".", StringComparison.Ordinal)))
                .Where(t => t.IsNotPublic || PageModels.Contains(t))
                .Where(t => !t.Name.StartsWith('<'))
                .Select(t => t.FullName!)
                .ToArray();
            if (theirs.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(Web)
                .That().DoNotResideInNamespaceStartingWith(feature)
                .And().DoNotResideInNamespace("AspNetCoreGeneratedDocument")
                .And().DoNotHaveNameStartingWith("<")
                .ShouldNot().HaveDependencyOnAny(theirs)
                .GetResult();
            failures.AddRange((result.FailingTypeNames ?? []).Select(t => $"{t} uses {feature}'s internals"));
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    /// <summary>
    /// Services say what was wrong through <see cref="Infrastructure.FieldErrors"/> and never take MVC types, so the
    /// pages and the API share them. Only MVC's own plumbing may: page models, the streamed-form binding and the upload
    /// form's view model.
    /// </summary>
    [Fact]
    public void FeatureServices_TakeNoMvcTypes()
    {
        Type[] plumbing = [typeof(AdPolicy.Web.Storage.StreamedForm), typeof(AdPolicy.Web.Storage.StreamedUploadAttribute), typeof(AdPolicy.Web.Appeals.EvidenceUploadForm)];
        var offenders = Types.InAssembly(Web).GetTypes()
            .Where(t => FeatureNamespaces.Any(n => t.Namespace?.StartsWith(n, StringComparison.Ordinal) == true))
            .Where(t => !typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t) && !IsView(t) && !plumbing.Contains(t))
            .Where(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
                .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
                .Concat(t.GetConstructors().SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .Any(p => p.Namespace?.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) == true))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, "Services with MVC types in their signatures: " + string.Join(", ", offenders));
        Assert.Contains(typeof(AdPolicy.Web.Refunds.RefundDesk), Types.InAssembly(Web).GetTypes());
    }
}
