using System.Net;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Queue;

/// <summary>Two staff, two clicks, two instances: one decision, one payment, one reminder.</summary>
public sealed class ConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string StaffPage(RefundRequest r) => $"/Staff/Refunds/Details/{r.Id}";

    private static async Task<string> TokenAsync(AppClient client, string url) =>
        (await client.GetAsync(url)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [Fact]
    public async Task TwoStaffDecidingAtOnce_MakeOneDecision_AndTheOtherIsToldWhatHappened()
    {
        using var desk = await AnnAndBobOnANewCaseAsync();
        var (request, ann, annToken, bob, bobToken) = desk;

        var results = await Task.WhenAll(
            ann.PostAsync(StaffPage(request) + "?handler=Approve", [new("__RequestVerificationToken", annToken), new("Decision.Amount", "400.00"), new("Decision.Reason", "Ann approves.")]),
            bob.PostAsync(StaffPage(request) + "?handler=Deny", [new("__RequestVerificationToken", bobToken), new("Decision.Reason", "Bob denies."), new("Decision.Advice", "Proof of the shortfall.")]));

        Assert.Single(results, r => r.Status == HttpStatusCode.Redirect);
        var loser = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        var decided = await app.RefundAsync(request.Id);
        Assert.Contains(decided.DecidedByName!, loser.Summary);
        Assert.Single(decided.Events, e => e.Kind is RefundEventKind.Approved or RefundEventKind.Denied);
    }

    [Fact]
    public async Task AReplySentFromAStalePage_WhileAColleaguesWasSaving_IsNotKept_AndSaysSomeoneChangedTheCaseAndWhatTheyDid()
    {
        using var desk = await AnnAndBobOnANewCaseAsync();
        var (request, ann, annToken, bob, bobToken) = desk;

        // Ann's reply is saved first; Bob's, made on the case as he read it, finds it is no longer the one he read.
        var (annReply, loser) = await app.BothQueuedBehindAsync(
            $"SELECT 1 FROM refund_requests WHERE id = {request.Id} FOR UPDATE",
            () => ann.PostAsync(StaffPage(request) + "?handler=Reply", [new("__RequestVerificationToken", annToken), new("Message.Text", "Ann: we are checking the delivery logs.")]),
            () => bob.PostAsync(StaffPage(request) + "?handler=Reply", [new("__RequestVerificationToken", bobToken), new("Message.Text", "Bob: please send the invoice.")]));

        Assert.Equal(HttpStatusCode.Redirect, annReply.Status);
        Assert.Equal(HttpStatusCode.OK, loser.Status);
        Assert.Contains("Someone changed this case while you were working on it, so nothing you did was saved.", loser.Summary);
        Assert.Contains("The latest change: Staff replied, by Ann,", loser.Summary);
        Assert.Contains("Ann: we are checking the delivery logs.", loser.TestId("timeline"));
        Assert.DoesNotContain("Bob: please send the invoice.", loser.Text);
        var replies = (await app.RefundAsync(request.Id)).Events.Where(e => e.Kind == RefundEventKind.StaffReplied).ToList();
        Assert.Equal("Ann: we are checking the delivery logs.", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task TwoPaymentsOfTheSameDecisionAtOnce_PayOnce()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var ann = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        using var bob = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        await ann.PostFormAsync(StaffPage(request), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "400.00", ["Decision.Reason"] = "Agreed." });
        var annToken = await TokenAsync(ann, StaffPage(request));
        var bobToken = await TokenAsync(bob, StaffPage(request));

        var results = await Task.WhenAll(
            ann.PostAsync(StaffPage(request) + "?handler=Pay", [new("__RequestVerificationToken", annToken)]),
            bob.PostAsync(StaffPage(request) + "?handler=Pay", [new("__RequestVerificationToken", bobToken)]),
            ann.PostAsync(StaffPage(request) + "?handler=Pay", [new("__RequestVerificationToken", annToken)]));

        Assert.Single(results, r => r.Status == HttpStatusCode.Redirect);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Redirect), r => Assert.Contains("already paid", r.Summary));
        Assert.Equal(1, await app.LedgerCountAsync(request.Id));
        var total = await app.WithDbAsync(db => db.LedgerEntries.Where(l => l.AdAccountId == advertiser.Account.Id).SumAsync(l => l.Amount));
        Assert.Equal(400.00m, total);
    }

    [Fact]
    public async Task TheBreachReminder_GoesToTheAssigneeOnce_EvenWhenTwoInstancesSweep()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var agentEmail = await app.CreateUserAsync(Roles.Support);
        using var agent = await app.SignedInAsync(agentEmail);
        await agent.PostFormAsync(StaffPage(request), "form[action*='handler=Claim']", []);
        var agentId = await app.UserIdAsync(agentEmail);

        app.Clock.Advance(TimeSpan.FromHours(43)); // 5 h before the 48 h target: outside the 4 h lead
        Assert.Equal(0, (await SweepAsync()).Done);

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)); // inside the lead
        var sweeps = await Task.WhenAll(SweepAsync(), SweepAsync());
        await SweepAsync();

        Assert.Equal(1, sweeps.Sum(s => s.Done));
        var reminders = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == agentId && n.Title.Contains(request.Reference)).ToListAsync());
        Assert.Single(reminders);
        Assert.Contains("left", reminders[0].Title);
    }

    /// <summary>A new refund case with Ann and Bob (support) each on its staff page, holding that page's form token.</summary>
    private async Task<TwoAgents> AnnAndBobOnANewCaseAsync()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var ann = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Ann"));
        var bob = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Bob"));
        return new(request, ann, await TokenAsync(ann, StaffPage(request)), bob, await TokenAsync(bob, StaffPage(request)));
    }

    private sealed record TwoAgents(RefundRequest Request, AppClient Ann, string AnnToken, AppClient Bob, string BobToken) : IDisposable
    {
        public void Dispose()
        {
            Ann.Dispose();
            Bob.Dispose();
        }
    }

    private async Task<SweepResult> SweepAsync()
    {
        await using var scope = app.Scope();
        var sweep = scope.ServiceProvider.GetServices<ISweep>().OfType<ResponseReminders>().Single();
        return await sweep.RunAsync(TestContext.Current.CancellationToken);
    }
}
