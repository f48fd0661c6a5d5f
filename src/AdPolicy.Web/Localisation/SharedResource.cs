namespace AdPolicy.Web.Localisation;

/// <summary>
/// The resource of words many pages share (<c>Resources/SharedResource.resx</c> in English,
/// <c>SharedResource.es.resx</c> in Spanish): the layout, status words, buttons, common validation messages. A page's
/// own sentences are in its view's resource (<c>Resources/Pages/…/Page.resx</c>, through <c>IViewLocalizer</c>).
/// Keys are the English text, so a key missing from Spanish shows English rather than nothing.
/// </summary>
#pragma warning disable CA1052 // a marker type: IStringLocalizer<SharedResource> names the resource
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
