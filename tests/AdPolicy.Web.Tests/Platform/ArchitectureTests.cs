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
}
