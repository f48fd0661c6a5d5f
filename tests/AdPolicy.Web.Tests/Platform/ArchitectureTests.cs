using AdPolicy.Domain.Common;
using NetArchTest.Rules;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// The layout docs/architecture.md describes, kept by tests: the domain knows no infrastructure, pages sit on top of
/// the features' services and never the other way round.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(DomainRuleException).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(Startup).Assembly;

    /// <summary>The feature folders that hold services, queries and background work (pages live under Pages).</summary>
    public static readonly string[] FeatureNamespaces =
        ["AdPolicy.Web.Ace", "AdPolicy.Web.Refunds", "AdPolicy.Web.Appeals", "AdPolicy.Web.Deadlines", "AdPolicy.Web.Triage",
         "AdPolicy.Web.Evidence", "AdPolicy.Web.Notifications", "AdPolicy.Web.Webhooks", "AdPolicy.Web.Storage"];

    [Fact]
    public void TheDomain_DependsOnNoFrameworkDatabaseOrWebCode()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore", "Microsoft.Extensions", "FluentValidation", "Serilog", "AdPolicy.Web")
            .GetResult();

        Assert.True(result.IsSuccessful, "The domain reaches into infrastructure: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.True(Types.InAssembly(Domain).GetTypes().Count() > 50, "The domain's types were not found.");
    }

    [Fact]
    public void FeatureServices_NeverDependOnPages()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespace(FeatureNamespaces[0])
            .Or().ResideInNamespace(FeatureNamespaces[1]).Or().ResideInNamespace(FeatureNamespaces[2]).Or().ResideInNamespace(FeatureNamespaces[3])
            .Or().ResideInNamespace(FeatureNamespaces[4]).Or().ResideInNamespace(FeatureNamespaces[5]).Or().ResideInNamespace(FeatureNamespaces[6])
            .Or().ResideInNamespace(FeatureNamespaces[7]).Or().ResideInNamespace(FeatureNamespaces[8])
            .ShouldNot().HaveDependencyOn("AdPolicy.Web.Pages")
            .GetResult();

        Assert.True(result.IsSuccessful, "A service depends on a page: " + string.Join(", ", result.FailingTypeNames ?? []));
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
            .Where(t => !typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t) && !plumbing.Contains(t))
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
