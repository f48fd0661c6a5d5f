using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// A page's own resource (<c>Resources/&lt;feature&gt;/&lt;page&gt;.resx</c>, the one its view reads through
/// <c>IViewLocalizer</c>) for its page model and validators, so a page's sentences live in one file whichever side
/// writes them: <c>factory.ForPage("Refunds/New")</c>.
/// </summary>
public static class PageText
{
    private static readonly string Location = typeof(SharedResource).Assembly.GetName().Name!;

    /// <param name="factory">The app's localiser factory.</param>
    /// <param name="page">The view's path under the project without its extension, as <c>Refunds/Staff/Details</c>.</param>
    public static IStringLocalizer ForPage(this IStringLocalizerFactory factory, string page) =>
        factory.Create(page.Replace('/', '.'), Location);
}
