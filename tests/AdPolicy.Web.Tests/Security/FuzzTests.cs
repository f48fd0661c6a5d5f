using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Appeals;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Tests.Security;

/// <summary>
/// Malformed requests to every page and handler, as anonymous and as each role: odd methods, cursors, dates, ids,
/// lengths and encodings, in query strings, route values and form fields (with a valid antiforgery token, so they
/// reach the handlers). None may answer 5xx or show a stack trace. The pages and their inputs are read from the app's
/// own page descriptors, so a new page or field is fuzzed without editing this test.
/// </summary>
public sealed partial class FuzzTests(FuzzTests.FuzzApp app) : IClassFixture<FuzzTests.FuzzApp>
{
    /// <summary>The app as tests run it, without the sign-in slowdown (its many wrong passwords would only wait).</summary>
    public sealed class FuzzApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [("SignIn:SlowdownMilliseconds", "0")];
    }

    /// <summary>Handlers that end the fuzzing client's own session; they have their own tests.</summary>
    private static readonly string[] SessionEnders = ["/Account/Logout", "/Account/Profile?handler=SignOutEverywhere"];

    private static readonly string[] OddValues =
    [
        "", " ", "-1", "0", "99999999999999999999999", "1e309", "NaN", "abc", "true",
        "2026-01-01T00:00:00+02:00", "2026-01-01T00:00:00-11:30", "9999-12-31", "0001-01-01", "10000-01-01", "2026-02-30",
        "-1_1", "1_-1", "9223372036854775807_1", "-9223372036854775808_00000000-0000-0000-0000-000000000000", "_", "1_2_3",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "../../../etc/passwd", "..\\..\\boot.ini", "%00", "\0",
        "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE users; --", "\u202Eevil", "😀🎉", "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
        "Kind", "999", "RefundRequest", "mine", "overdue", "age",
    ];

    /// <summary>Longer than any column: once per handler (in every field) and once per page (in the query).</summary>
    private static readonly string Long = new string('x', 9000) + new string('é', 20_000);

    [Fact]
    public async Task AThousandMalformedRequests_AsEveryRoleAndAnonymous_NeverAnswer5xxOrAStackTrace()
    {
        var ids = await SeedAsync();
        var clients = await EveryPage.ClientsAsync(app, ids.AdvertiserEmail);
        var pages = EveryPage.Of(app);
        Assert.True(pages.Count >= 25, $"only {pages.Count} pages found");

        var failures = new ConcurrentBag<string>();
        var sent = 0;
        var random = new Random(13);
        var work = new List<(string Role, AppClient Client, Func<AppClient, string, Task<HttpResponseMessage>> Send, string What)>();
        foreach (var (role, client) in clients)
        {
            var token = await TokenAsync(client, role);
            foreach (var page in pages)
            {
                foreach (var (path, first) in Paths(page, ids).Select((p, i) => (p, i == 0)))
                {
                    foreach (var request in Requests(page, path, first, token, random))
                    {
                        work.Add((role, client, request.Send, request.What));
                    }
                }
            }

            foreach (var (what, send) in Endpoints(ids))
            {
                work.Add((role, client, send, what));
            }
        }

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (item, ct) =>
        {
            using var response = await item.Send(item.Client, item.What);
            Interlocked.Increment(ref sent);
            var body = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode >= 500 || StackTrace().IsMatch(body))
            {
                failures.Add($"{item.Role} {item.What} → {(int)response.StatusCode} {Excerpt(StackTrace().Match(body).Value)}");
            }
        });

        foreach (var (_, client) in clients)
        {
            client.Dispose();
        }

        Assert.True(sent >= 1000, $"only {sent} requests sent");
        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} malformed requests sent");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures.Take(40)));
    }

    private sealed record Seeded(string AdvertiserEmail, Guid RefundId, Guid ComplaintId, string TrackingToken, Guid PromotionId, Guid AccountId, Guid AppealId, Guid FileId);

    private async Task<Seeded> SeedAsync()
    {
        var penalised = await app.StrikeAsync();
        var advertiser = penalised.Advertiser;
        var refund = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var complaint = await app.FileAsync(AceTestData.UserForm(penalised.Promotion.ExternalCampaignId), new Upload("Input.Files", "shot.png", TestData.Png, "image/png"));
        using var owner = await app.SignedInAsync(advertiser.Email);
        var appeal = await owner.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var fileId = await app.WithDbAsync(db => Task.FromResult(db.EvidenceFiles.Where(f => f.CaseId == complaint.Id).Select(f => f.Id).Single()));
        return new Seeded(advertiser.Email, refund.Id, complaint.Id, complaint.TrackingPath.Split('/')[^1], penalised.Promotion.Id, advertiser.Account.Id, appeal, fileId);
    }

    /// <summary>The page's path with real ids (so handlers reach their cases), with ids of nothing, and with garbage.</summary>
    private static IEnumerable<string> Paths(CompiledPageActionDescriptor page, Seeded ids)
    {
        var template = "/" + page.AttributeRouteInfo!.Template!;
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            yield return template;
            yield break;
        }

        var realId = page.ViewEnginePath switch
        {
            "/Refunds/Details" or "/Refunds/Staff/Details" => ids.RefundId,
            "/Complaints/Staff/Details" => ids.ComplaintId,
            "/Accounts/Promotions/Details" => ids.PromotionId,
            "/Accounts/Staff/Details" => ids.AccountId,
            _ => ids.AppealId,
        };
        foreach (var (id, token, kind) in new[]
        {
            (realId.ToString(), ids.TrackingToken, nameof(EvidenceKind.OrdersPlaced)),
            (Guid.NewGuid().ToString(), "x", "999"),
            ("not-a-guid", new string('a', 3000), "NoSuchKind"),
        })
        {
            yield return RouteValue().Replace(template, m => m.Groups[1].Value switch
            {
                "id" => id,
                "token" => Uri.EscapeDataString(token),
                _ => Uri.EscapeDataString(kind),
            });
        }
    }

    private static IEnumerable<(string What, Func<AppClient, string, Task<HttpResponseMessage>> Send)> Requests(
        CompiledPageActionDescriptor page, string path, bool realIds, string token, Random random)
    {
        var names = Inputs(page).ToList();
        var getNames = names.Where(n => !n.Contains('.', StringComparison.Ordinal)).DefaultIfEmpty("q").ToList();

        // GETs: every query input with an odd value, and handlers that do not exist.
        var values = realIds
            ? OddValues.OrderBy(_ => random.Next()).Take(4).Append(Long)
            : OddValues.OrderBy(_ => random.Next()).Take(1);
        foreach (var value in values)
        {
            var query = string.Join("&", getNames.Select(n => $"{n}={Uri.EscapeDataString(value)}"));
            yield return Get($"{path}?{query}");
        }

        if (!realIds)
        {
            yield break;
        }

        yield return Get($"{path}?handler=NoSuchHandler&beforeAt=%C3%28&after=%FF%FE");

        // An odd method, a different one each time.
        var method = new[] { "PUT", "PATCH", "DELETE", "OPTIONS" }[random.Next(4)];
        yield return ($"{method} {path}", (client, _) => client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)));

        // POSTs: no handler, each handler with every field odd, without a token, in odd encodings.
        var handlers = page.HandlerMethods.Where(h => h.HttpMethod == "Post").Select(h => h.Name).Distinct().ToList();
        foreach (var handler in handlers.Append(null).Append("NoSuchHandler"))
        {
            var url = handler is null ? path : $"{path}?handler={handler}";
            if (SessionEnders.Any(s => url.EndsWith(s, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = OddValues[random.Next(OddValues.Length)];
            var form = names.Select(n => new KeyValuePair<string, string>(n, value)).Append(new("__RequestVerificationToken", token)).ToList();
            yield return ($"POST {url} [{Short(value)}]", (client, _) => client.Http.PostAsync(url, new FormUrlEncodedContent(form)));

            // Every field too long, or an odd encoding: one of them per handler and role, in turn.
            yield return random.Next(5) switch
            {
                4 => ($"POST {url} [long]", (client, _) => client.Http.PostAsync(url, new FormUrlEncodedContent(
                    names.Select(n => new KeyValuePair<string, string>(n, Long)).Append(new("__RequestVerificationToken", token))))),
                0 => ($"POST {url} no token", (client, _) => client.Http.PostAsync(url, new FormUrlEncodedContent([new("x", "1")]))),
                1 => ($"POST {url} json", (client, _) => client.Http.PostAsync(url, new StringContent("{\"Input\":{\"Text\":1}}", Encoding.UTF8, "application/json"))),
                2 => ($"POST {url} broken multipart", (client, _) =>
                {
                    var content = new StringContent($"--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b\r\nContent-Disposition: form-data; name=\"Input.Text\"\r\n\r\nno end", Encoding.UTF8);
                    content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
                    return client.Http.PostAsync(url, content);
                }),
                _ => ($"POST {url} latin1 and NUL", (client, _) =>
                {
                    var content = new ByteArrayContent(Encoding.Latin1.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&{string.Join("&", names.Select(n => n + "=%FF%FE%00\u00e9"))}"));
                    content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=iso-8859-1");
                    return client.Http.PostAsync(url, content);
                }),
            };
        }

        static (string, Func<AppClient, string, Task<HttpResponseMessage>>) Get(string url) =>
            ($"GET {url[..Math.Min(url.Length, 200)]}", (client, _) => client.Http.GetAsync(url));
    }

    private static IEnumerable<(string What, Func<AppClient, string, Task<HttpResponseMessage>> Send)> Endpoints(Seeded ids)
    {
        foreach (var url in new[]
        {
            $"/evidence/{ids.FileId}", $"/evidence/{Guid.NewGuid()}", "/evidence/not-a-guid", "/evidence/templates/999",
            "/evidence/templates/OrdersPlaced", "/evidence/templates/%25", "/evidence/templates/" + new string('k', 3000),
            "/health/ready", "/health/live", "/no/such/page", "/Account/Login?ReturnUrl=https://evil.example/",
            "/Account/Login?ReturnUrl=//evil.example", "/%2e%2e/%2e%2e/etc/passwd", "/Refunds/Details/" + Guid.NewGuid() + "/extra",
        })
        {
            yield return ($"GET {url[..Math.Min(url.Length, 120)]}", (client, _) => client.Http.GetAsync(url));
        }
    }

    /// <summary>The names the page binds: its handler parameters and bound properties, and for complex types their fields.</summary>
    private static IEnumerable<string> Inputs(CompiledPageActionDescriptor page)
    {
        var inputs = page.BoundProperties.Select(p => (p.Name, p.ParameterType))
            .Concat(page.HandlerMethods.SelectMany(h => h.Parameters).Select(p => (p.Name, p.ParameterType)))
            .Where(p => p.ParameterType != typeof(CancellationToken));
        foreach (var (name, type) in inputs.DistinctBy(p => p.Name))
        {
            if (type == typeof(string) || type.IsValueType || typeof(IFormFile).IsAssignableFrom(type) || type.IsGenericType)
            {
                yield return name;
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                yield return $"{name}.{property.Name}";
            }
        }
    }

    private static async Task<string> TokenAsync(AppClient client, string role)
    {
        var page = await client.GetAsync(role == "anonymous" ? "/Account/Login" : "/Account/Profile");
        return page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token for {role}");
    }

    private static string Short(string value) => value.Length > 20 ? $"{value.Length} chars" : value;

    private static string Excerpt(string body) => body.Length > 300 ? body[..300] : body;

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();

    /// <summary>What a leaked exception looks like: a .NET stack frame or an exception type name.</summary>
    [GeneratedRegex(@"\s+at [A-Z][\w`.]+\.[\w<>`]+\(|\b(System|Npgsql|Microsoft)\.[\w.]*Exception\b")]
    private static partial Regex StackTrace();
}
