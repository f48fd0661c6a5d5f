using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

public sealed class ComplaintFilingTests
{
    [Theory]
    [InlineData(ComplainantRole.RightsHolder)]
    [InlineData(ComplainantRole.AuthorisedRepresentative)]
    public void File_IpComplaint_ByRightsHolderOrRepresentative_IsAccepted(ComplainantRole role)
    {
        var complaint = FileIp(RightsHolder(role));

        Assert.Equal(ComplaintStatus.Filed, complaint.Status);
        Assert.Equal(role, complaint.ComplainantRole);
        Assert.Equal("Trademark EU 018123456", complaint.RightConcerned);
        Assert.Equal(T0, complaint.FiledAt);
    }

    [Fact]
    public void File_IpComplaint_ByAffectedUser_IsRefused()
    {
        var ex = Assert.Throws<DomainRuleException>(() => FileIp(RightsHolder(ComplainantRole.AffectedUser)));

        Assert.Equal("ace-ip-complainant-role", ex.Rule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void File_IpComplaint_WithoutRightConcerned_IsRefused(string? right)
    {
        var ex = Assert.Throws<DomainRuleException>(() => FileIp(RightsHolder(right: right)));

        Assert.Equal("ace-ip-right-concerned", ex.Rule);
    }

    [Theory]
    [InlineData(ComplainantRole.RightsHolder)]
    [InlineData(ComplainantRole.AuthorisedRepresentative)]
    public void File_UserComplaint_ByAnyoneButTheAffectedUser_IsRefused(ComplainantRole role)
    {
        var details = new ComplainantDetails("Rita Rights", "legal@brand.example", null, role, null);

        var ex = Assert.Throws<DomainRuleException>(() => FileUser(details));

        Assert.Equal("ace-user-complainant-role", ex.Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    public void File_WithoutAReachableEmail_IsRefused(string email)
    {
        var ex = Assert.Throws<DomainRuleException>(() => FileUser(User() with { Email = email }));

        Assert.Equal("ace-complainant-email", ex.Rule);
    }

    [Fact]
    public void File_ByAnAdvertiser_IsRefused()
    {
        var ex = Assert.Throws<DomainRuleException>(() => AceComplaint.File(
            ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, OrganisationId, AccountId, PromotionId, null,
            User(), "Late.", "hash", Advertiser, T0));

        Assert.Equal("ace-filed-by", ex.Rule);
    }

    [Fact]
    public void File_RecordsAFiledEventTheComplainantSees()
    {
        var complaint = FileUser(User());

        var filed = Assert.Single(complaint.Events);
        Assert.Equal(ComplaintEventKind.Filed, filed.Kind);
        Assert.Equal(ComplaintStatus.Filed, filed.ToStatus);
        Assert.True(filed.VisibleToComplainant);
        Assert.False(filed.IsInternal);
        Assert.Equal(ActorKind.Complainant, filed.ActorKind);
        Assert.True(complaint.IsAwaitingDecision);
        Assert.Equal("hash", complaint.TrackingTokenHash);
    }

    [Theory]
    [InlineData(ProhibitedCategory.IllegalOrFraudulent, "Illegal or fraudulent activity")]
    [InlineData(ProhibitedCategory.PersonalDataMisuse, "Misuse of users' personal data")]
    [InlineData(ProhibitedCategory.UnsafeOrCounterfeitGoods, "Unsafe, counterfeit or low-quality goods")]
    [InlineData(ProhibitedCategory.BrandImpersonation, "Impersonating or misusing another brand")]
    [InlineData(ProhibitedCategory.FalsePromotionOrScam, "False promotion or scam")]
    [InlineData(ProhibitedCategory.CoercivePayment, "Coercive payment")]
    [InlineData(ProhibitedCategory.SlowAfterSales, "Slow after-sales service")]
    [InlineData(ProhibitedCategory.IntellectualPropertyInfringement, "Intellectual-property infringement")]
    public void Label_NamesEachCategoryInWords(ProhibitedCategory category, string label)
    {
        Assert.Equal(label, ProhibitedCategories.Label(category));
        Assert.Equal(8, ProhibitedCategories.All.Count);
    }

    private static AceComplaint FileIp(ComplainantDetails details) => AceComplaint.File(
        ComplaintType.IntellectualProperty, ProhibitedCategory.BrandImpersonation, OrganisationId, AccountId, PromotionId, AdId,
        details, "Our logo.", "hash", ComplainantActor(details.Name), T0);

    private static AceComplaint FileUser(ComplainantDetails details) => AceComplaint.File(
        ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, OrganisationId, AccountId, PromotionId, AdId,
        details, "Never delivered.", "hash", ComplainantActor(details.Name), T0);
}
