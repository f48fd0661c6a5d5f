using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// The cookie that carries what the last action did over its redirect (TempData's "Status" and "Problem", shown by the
/// layout), written only when there is something to carry or to clear. The framework's provider deleted the cookie on
/// every page that looked for a message, so every page answered with a Set-Cookie for a cookie the browser did not have
/// (issue 17); now a page without a message, read from a browser without the cookie, sets none.
/// </summary>
public sealed class QuietTempDataProvider(CookieTempDataProvider inner, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    private readonly string _cookieName = options.Value.Cookie.Name!;

    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count > 0 || context.Request.Cookies.ContainsKey(_cookieName))
        {
            inner.SaveTempData(context, values);
        }
    }
}
