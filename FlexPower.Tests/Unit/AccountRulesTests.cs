using FlexPower.Core.Accounts;

namespace FlexPower.Tests.Unit;

public sealed class AccountRulesTests
{
    [Fact]
    public void Validate_TraderWithTraderId_Passes() =>
        Assert.Empty(AccountRules.Validate(new NewAccount("dora", "Sup3r-Secret!", Roles.Trader, "trader_9")));

    [Fact]
    public void Validate_TraderWithoutTraderId_NamesTheField() =>
        Assert.Contains(AccountRules.Validate(new NewAccount("dora", "Sup3r-Secret!", Roles.Trader, " ")), e => e.StartsWith("trader_id is required"));

    [Fact]
    public void Validate_UnknownRole_ListsTheKnownRoles() =>
        Assert.Contains(AccountRules.Validate(new NewAccount("dora", "Sup3r-Secret!", "Boss", null)), e => e.Contains("'Boss' is unknown") && e.Contains("Trader, Manager"));

    [Fact]
    public void Validate_ManagerWithTraderId_IsRejected() =>
        Assert.Contains(AccountRules.Validate(new NewAccount("mia", "Sup3r-Secret!", Roles.Manager, "trader_1")), e => e.Contains("only for Trader accounts"));

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void Validate_BadUserName_IsRejected(string userName) =>
        Assert.Contains(AccountRules.Validate(new NewAccount(userName, "Sup3r-Secret!", Roles.Manager, null)), e => e.StartsWith("user_name"));

    [Theory]
    [InlineData("trader\u00001")]
    [InlineData("trader\u001b1")]
    public void Validate_TraderIdWithAControlCharacter_IsRejected(string traderId) =>
        Assert.Contains(AccountRules.Validate(new NewAccount("dora", "Sup3r-Secret!", Roles.Trader, traderId)), e => e.StartsWith("trader_id must not contain control characters"));

    [Fact]
    public void Validate_MissingPassword_IsRejected() =>
        Assert.Contains(AccountRules.Validate(new NewAccount("dora", "", Roles.Trader, "trader_9")), e => e == "password is required.");

    [Fact]
    public void GeneratePassword_IsLongAndMixesAllCharacterClasses()
    {
        var password = AccountBootstrapper.GeneratePassword();
        Assert.Equal(20, password.Length);
        Assert.Contains(password, char.IsLower);
        Assert.Contains(password, char.IsUpper);
        Assert.Contains(password, char.IsDigit);
        Assert.Contains(password, c => !char.IsLetterOrDigit(c));
        Assert.NotEqual(password, AccountBootstrapper.GeneratePassword());
    }
}
