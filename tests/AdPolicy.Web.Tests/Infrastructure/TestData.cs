using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Infrastructure;

public sealed record Advertiser(Organisation Organisation, AdAccount Account, string Email);

/// <summary>Builds the data a test needs through the domain and the app's own DbContext.</summary>
public static class TestData
{
    public static async Task<string> CreateUserAsync(this AppFactory app, string role, Guid? organisationId = null, string? name = null)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
        }

        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@test.example";
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name ?? $"{role} {email[..8]}",
            OrganisationId = organisationId,
        };
        var created = await users.CreateAsync(user, AppClient.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        if (role == Roles.Admin)
        {
            // Admins must sign in with a second factor: test admins are enrolled, and AppClient answers with a code.
            await users.ResetAuthenticatorKeyAsync(user);
            Totp.Keys[email] = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return email;
    }

    /// <summary>Sets the language a user chose in their profile ("en", "es"), as the profile page would.</summary>
    public static Task SetLanguageAsync(this AppFactory app, string email, string language) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, language)));

    public static async Task<Advertiser> CreateAdvertiserAsync(this AppFactory app, Region region = Region.Emea, string currency = "EUR")
    {
        var now = app.Clock.GetUtcNow();
        var organisation = new Organisation(Guid.NewGuid(), $"Org {Guid.NewGuid():N}"[..12], region);
        var account = new AdAccount(Guid.NewGuid(), organisation.Id, "Main account", region, currency);
        await app.WithDbAsync(async db =>
        {
            db.Organisations.Add(organisation);
            db.AdAccounts.Add(account);
            return await db.SaveChangesAsync();
        });
        var email = await app.CreateUserAsync(Roles.Advertiser, organisation.Id);
        return new Advertiser(organisation, account, email);
    }

    /// <summary>A promotion; by default an ended one that spent 1,000.00 and delivered 60% of 100,000 promised impressions.</summary>
    public static async Task<Promotion> CreatePromotionAsync(
        this AppFactory app,
        AdAccount account,
        decimal spent = 1000m,
        long promised = 100_000,
        long delivered = 60_000,
        PromotionStatus status = PromotionStatus.Completed,
        DateTimeOffset? startsAt = null,
        bool removedForPolicy = false)
    {
        var now = app.Clock.GetUtcNow();
        var start = startsAt ?? now.AddDays(-30);
        var promotion = new Promotion(
            Guid.NewGuid(), account.Id, $"CMP-{Guid.NewGuid():N}"[..16], "Test promotion", "Reach",
            new Money(Math.Max(spent, 1000m), account.Currency), new Money(spent, account.Currency),
            start, start.AddDays(20), "Everyone", promised, delivered, 0, 0, status);
        promotion.AddAd(Guid.NewGuid(), $"AD-{Guid.NewGuid():N}"[..16], "Test ad");
        if (removedForPolicy)
        {
            promotion.StopByPlatform(PromotionStatus.Removed, Fact.Of(FactKind.StaffStoppedForPolicy, EventValues.Of(EventValue.Note, "The ad makes claims the product cannot support.")));
        }

        await app.WithDbAsync(async db =>
        {
            db.Promotions.Add(promotion);
            return await db.SaveChangesAsync();
        });
        return promotion;
    }

    public static async Task<AppClient> SignedInAsync(this AppFactory app, string email)
    {
        var client = app.CreateAppClient();
        await client.SignInAsync(email);
        return client;
    }

    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    public static byte[] Pdf => "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray();
}
