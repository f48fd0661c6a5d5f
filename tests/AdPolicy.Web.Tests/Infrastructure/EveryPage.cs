using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>For tests that visit the whole app: its pages (from the app's own descriptors) and a client for each role.</summary>
public static class EveryPage
{
    /// <summary>Every routed Razor page, once.</summary>
    public static List<CompiledPageActionDescriptor> Of(AppFactory app) =>
        app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<CompiledPageActionDescriptor>()
            .Where(p => p.AttributeRouteInfo?.Template is not null)
            .DistinctBy(p => p.ViewEnginePath)
            .ToList();

    /// <summary>Anonymous, the given advertiser, and a new support agent, reviewer and admin, each signed in.</summary>
    public static async Task<List<(string Role, AppClient Client)>> ClientsAsync(AppFactory app, string advertiserEmail) =>
    [
        ("anonymous", app.CreateAppClient()),
        ("advertiser", await app.SignedInAsync(advertiserEmail)),
        ("support", await app.SignedInAsync(await app.CreateUserAsync(Roles.Support))),
        ("reviewer", await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer))),
        ("admin", await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin))),
    ];
}
