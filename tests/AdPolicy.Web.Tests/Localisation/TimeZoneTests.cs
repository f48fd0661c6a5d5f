using System.Globalization;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>Every reader sees a moment in their own time zone, named; what a person types is read in theirs.</summary>
public sealed class TimeZoneTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTimeOffset EightDecember2359Madrid = new(2026, 12, 8, 22, 59, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADueDateChosenInMadrid_IsThatTimeForAMadridAdvertiser_AndTheSameMomentForANewYorkOne()
    {
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        if (app.Clock.GetUtcNow() < start)
        {
            app.Clock.SetUtcNow(start); // 8 December is within the policy's 30 days
        }

        var madrid = await app.CreateAdvertiserAsync(Region.Emea);
        var newYork = await app.CreateAdvertiserAsync(Region.NorthAmerica, "USD");
        var madridCase = await app.FileRefundAsync(madrid, await app.CreatePromotionAsync(madrid.Account));
        var newYorkCase = await app.FileRefundAsync(newYork, await app.CreatePromotionAsync(newYork.Account));
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        await SetZoneAsync(staffEmail, "Europe/Madrid");
        using var staff = await app.SignedInAsync(staffEmail);

        foreach (var request in new[] { madridCase, newYorkCase })
        {
            await staff.PostFormAsync($"/Staff/Refunds/Details/{request.Id}", "form[action*='handler=RequestInformation']", new()
            {
                ["Information.Question"] = "Which placements stopped delivering?",
                ["Information.DueDate"] = "2026-12-08",
            });
            Assert.Equal(EightDecember2359Madrid, (await app.RefundAsync(request.Id)).InformationDueAt);
        }

        using var madridClient = await app.SignedInAsync(madrid.Email);
        using var newYorkClient = await app.SignedInAsync(newYork.Email);
        Assert.Contains("Please answer by 8 Dec 2026, 23:59 CET.", (await madridClient.GetAsync($"/Refunds/Details/{madridCase.Id}")).Text);
        Assert.Contains("Please answer by 8 Dec 2026, 17:59 EST.", (await newYorkClient.GetAsync($"/Refunds/Details/{newYorkCase.Id}")).Text);

        // The emails were written for each recipient's zone when they were made, whoever asked the question.
        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == madrid.Email || m.ToAddress == newYork.Email).ToListAsync());
        Assert.Contains("8 Dec 2026, 23:59 CET", emails.Single(m => m.ToAddress == madrid.Email).Body, StringComparison.Ordinal);
        Assert.Contains("8 Dec 2026, 17:59 EST", emails.Single(m => m.ToAddress == newYork.Email).Body, StringComparison.Ordinal);

        // The notification centre shows the same moment in the reader's zone.
        Assert.Contains("8 Dec 2026, 17:59 EST", (await newYorkClient.GetAsync("/Notifications")).Text);
    }

    [Fact]
    public async Task AStaffMemberInTokyo_ChoosesDatesOnTheirOwnCalendar()
    {
        // 20:00 UTC is already the next day in Tokyo: "tomorrow" there is two UTC dates on.
        var now = app.Clock.GetUtcNow();
        var evening = new DateTimeOffset(now.UtcDateTime.Date.AddHours(20), TimeSpan.Zero);
        app.Clock.SetUtcNow(evening > now ? evening : evening.AddDays(1));
        var utcToday = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        await SetZoneAsync(staffEmail, "Asia/Tokyo");
        using var staff = await app.SignedInAsync(staffEmail);

        var page = await staff.GetAsync($"/Staff/Refunds/Details/{request.Id}");
        Assert.Equal(utcToday.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page.Document.QuerySelector("input[name='Information.DueDate']")!.GetAttribute("min"));

        var refused = await staff.PostFormAsync($"/Staff/Refunds/Details/{request.Id}", "form[action*='handler=RequestInformation']", new()
        {
            ["Information.Question"] = "Which placements?",
            ["Information.DueDate"] = utcToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Contains($"Choose a date from {utcToday.AddDays(2).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}", refused.FieldError("Information.DueDate"));
        Assert.Equal(RefundStatus.Submitted, (await app.RefundAsync(request.Id)).Status);
    }

    [Fact]
    public async Task PagesWriteTimesOnTheServer_WithTheZoneNamed_AndTheIanaNameInTheTitle()
    {
        var advertiser = await app.CreateAdvertiserAsync(Region.AsiaPacific, "JPY");
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync($"/Refunds/Details/{request.Id}");

        var filed = page.Document.QuerySelectorAll("time").First(t => t.GetAttribute("datetime") == request.FiledAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal("Asia/Tokyo", filed.GetAttribute("title"));
        Assert.Equal(Zones.Format(request.FiledAt, Zones.Get("Asia/Tokyo"), CultureInfo.GetCultureInfo("en")), filed.TextContent);
        Assert.EndsWith(" JST", filed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewSanctionEndTypedByStaffInNewYork_IsReadOnTheirClock_AndShownToTheMadridAdvertiserOnTheirs()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        await SetZoneAsync(staffEmail, "America/New_York");
        using var support = await app.SignedInAsync(staffEmail);
        using var owner = await app.SignedInAsync(advertiser.Email);
        var page = $"/Staff/Accounts/Details/{advertiser.Account.Id}";
        await support.PostFormAsync(page, "form[data-testid=record-form]", new()
        {
            ["Desk.Tier"] = "High",
            ["Desk.Category"] = "FalsePromotionOrScam",
            ["Desk.Reason"] = "An ACE evaluation found refunds refused on most orders.",
        });
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.AdAccountId == advertiser.Account.Id));
        var newEnd = app.Clock.GetUtcNow().AddDays(1);
        var typed = Zones.Get("America/New_York").AtStartOfDay(NodaTime.LocalDate.FromDateTime(newEnd.UtcDateTime)).PlusHours(12).LocalDateTime; // noon in New York

        var shortened = await support.PostFormAsync(page, "form[data-testid=lift-form]", new()
        {
            ["Desk.Target"] = $"v:{violation.Id}",
            ["Desk.EndsAt"] = typed.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["Desk.Reason"] = "Shortened after the appeal.",
        });

        Assert.Equal(System.Net.HttpStatusCode.Redirect, shortened.Status);
        var expected = Zones.FromLocal(typed.ToDateTimeUnspecified(), Zones.Get("America/New_York"));
        var ace = await owner.GetAsync("/Ace");
        Assert.Equal(expected, ace.Moment("suspended-until"));
        Assert.Equal(Zones.Format(expected, Zones.Get("Europe/Madrid"), CultureInfo.GetCultureInfo("en")), ace.TestId("suspended-until"));
        Assert.EndsWith("18:00 CET", ace.TestId("suspended-until"), StringComparison.Ordinal);
    }

    [Fact]
    public void AMomentTypedOnAWallClock_IsReadInThatZone_AcrossClockChanges()
    {
        var madrid = Zones.Get("Europe/Madrid");
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 22, 59, 0, TimeSpan.Zero), Zones.FromLocal(new DateTime(2026, 12, 8, 23, 59, 0), madrid));
        Assert.Equal(new DateTimeOffset(2026, 7, 8, 21, 59, 0, TimeSpan.Zero), Zones.FromLocal(new DateTime(2026, 7, 8, 23, 59, 0), madrid)); // CEST
        Assert.Equal("8 Jul 2026, 23:59 CEST", Zones.Format(new DateTimeOffset(2026, 7, 8, 21, 59, 0, TimeSpan.Zero), madrid, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("Suspended until 8 Dec 2026, 17:59 EST.", Zones.InZone("Suspended until 2026-12-08 22:59 UTC.", Zones.Get("America/New_York"), CultureInfo.GetCultureInfo("en")));
        Assert.Equal("1 Jan 2027, 10:00 UTC-03", Zones.Format(new DateTimeOffset(2027, 1, 1, 13, 0, 0, TimeSpan.Zero), Zones.Get("America/Sao_Paulo"), CultureInfo.GetCultureInfo("en")));
    }

    private Task SetZoneAsync(string email, string zone) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, zone)));
}
