using System.Globalization;
using System.Threading.RateLimiting;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Refunds;
using AdPolicy.Web.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NetEscapades.AspNetCore.SecurityHeaders;
using Scalar.AspNetCore;

namespace AdPolicy.Web.Api;

/// <summary>The "Api" configuration section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests one key may make per window; more answer 429 with Retry-After.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 600;

    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The REST API under <c>/api/v1</c> (its own API-key scheme, scopes, a rate limit per key, problem details, the OpenAPI
/// document and its reference page), the pages that manage keys and webhook endpoints, and webhook delivery.
/// </summary>
public static class ApiSetup
{
    public const string RateLimitPolicy = "api-key";
    public const string IntegrationsPolicy = "Integrations";
    public const string DocumentName = "v1";

    /// <summary>The reference page's own security headers: Scalar's scripts carry a per-request nonce and it injects its styles.</summary>
    public const string ReferencePagePolicy = "api-reference";

    public static void AddApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(IntegrationsPolicy, p => p.RequireAssertion(c =>
                c.User.IsInRole(Roles.Admin) || (c.User.IsInRole(Roles.Advertiser) && c.User.HasClaim(x => x.Type == AppClaims.Organisation))));
        foreach (var scope in ApiScopes.Organisation.Union(ApiScopes.Integration))
        {
            // Each call's policy is named by its scope and accepts only the API-key scheme: a browser's cookie is never an API credential.
            authorization.AddPolicy(scope, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiScopes.Claim, scope));
        }

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, http =>
            {
                // Partitioned by the key presented (its hash: the key itself is not kept), before authentication runs.
                var presented = ApiKeyAuthenticationHandler.Presented(http.Request);
                var partition = presented is null ? "ip:" + http.Connection.RemoteIpAddress : "key:" + ApiKey.HashOf(presented);
                var limits = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            var pages = o.OnRejected;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    if (pages is not null)
                    {
                        await pages(context, cancellationToken);
                    }

                    return;
                }

                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests",
                        detail: "This API key made more requests than its limit allows; wait for the time in Retry-After.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "AdPolicy API",
                    Version = "v1",
                    Description = "Complaint intake, account standing and ad delivery state, refund cases, deadlines and appeals. "
                        + "Authenticate with an API key: 'Authorization: Bearer <key>'. Errors are RFC 9457 problem details; lists are cursor-paged. See docs/api.md.",
                };

                // No server list: the document is the same wherever it is generated (the checked-in copy is compared byte for byte).
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["ApiKey"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API key made on the Integrations page, as 'Authorization: Bearer <key>' (or the X-Api-Key header).",
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });

        services.AddSecurityHeaderPolicies(policies => policies.AddPolicy(ReferencePagePolicy, p => p
            .AddDefaultSecurityHeaders()
            .AddReferrerPolicyNoReferrer()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().WithNonce();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            })));
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.LeaseSeconds > o.TimeoutSeconds + 5, "Webhooks:LeaseSeconds must be longer than Webhooks:TimeoutSeconds plus 5, so a lease covers a delivery.")
            .Validate(
                o => !o.AllowHttpLoopback || builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"),
                "Webhooks:AllowHttpLoopback is for Development and Testing only: in production webhooks go only to public HTTPS addresses.")
            .ValidateOnStart();
        services.AddSingleton<WebhookAddresses>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookPublisher>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());

        // Receivers are outside: no redirects followed (an endpoint cannot bounce a signed body elsewhere), no cookies,
        // and every connection goes only to a public address, checked after DNS on the socket it opens.
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookAddresses>().ConnectAsync,
            });
    }

    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new SkipStatusCodePagesAttribute());
        ComplaintsApi.Map(api);
        StandingApi.Map(api);
        RefundsApi.Map(api);
        CasesApi.Map(api);
        api.Map("/{**path}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No API endpoint has this address; see /api/reference."))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", (o, http) =>
        {
            o.Title = "AdPolicy API";
            o.OpenApiRoutePattern = "/openapi/{documentName}.json";
            o.DefaultFonts = false;
            o.Telemetry = false;
            o.Nonce = http.GetNonce();
        }).AllowAnonymous().WithSecurityHeadersPolicy(ReferencePagePolicy);
    }
}
