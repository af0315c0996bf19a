using FlexPower.Core.Accounts;
using FlexPower.Core.Tokens;

namespace FlexPower.Tests.Unit;

public sealed class TokenRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 29, 1, 30, 0, TimeSpan.Zero);
    private static readonly Caller Trader = new("tina", false, "trader_7");
    private static readonly Caller Manager = new("boss", true, null);

    [Fact]
    public void Secret_HasThePrefixAnd256RandomBits_AndNoTwoAreAlike()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => TokenSecret.Generate()).ToList();

        Assert.All(secrets, s => Assert.True(TokenSecret.IsWellFormed(s), s));
        Assert.All(secrets, s => Assert.Equal(32, Convert.FromBase64String(s[3..].Replace('-', '+').Replace('_', '/') + "=").Length));
        Assert.Equal(100, secrets.Distinct().Count());
        Assert.Equal(32, TokenSecret.Hash(secrets[0]).Length);
        Assert.Equal(secrets[0][..9], TokenSecret.Hint(secrets[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fp_")]
    [InlineData("xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("fp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("fp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("fp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")]
    public void MalformedSecrets_AreRecognisedWithoutALookup(string text) => Assert.False(TokenSecret.IsWellFormed(text));

    [Fact]
    public void Expiry_UpToAYearAhead_IsAllowed_APastOrLaterOneIsNot()
    {
        Assert.Empty(TokenRules.Validate(new NewToken("x", ["read"], Now.AddYears(1)), Trader, Now));
        Assert.Empty(TokenRules.Validate(new NewToken("x", ["read"], null), Trader, Now));
        Assert.Contains("at most a year ahead", Assert.Single(TokenRules.Validate(new NewToken("x", ["read"], Now.AddYears(1).AddSeconds(1)), Trader, Now)));
        Assert.Contains("in the future", Assert.Single(TokenRules.Validate(new NewToken("x", ["read"], Now), Trader, Now)));
    }

    [Fact]
    public void Admin_IsForManagersOnly_AndNamesMustBePlainTextOfAtMost100Characters()
    {
        Assert.Empty(TokenRules.Validate(new NewToken(new string('n', 100), ["read", "trade", "admin"], null), Manager, Now));
        Assert.Contains("'admin' is only for managers", Assert.Single(TokenRules.Validate(new NewToken("x", ["admin"], null), Trader, Now)));
        Assert.Contains("at most 100 characters", Assert.Single(TokenRules.Validate(new NewToken(new string('n', 101), ["read"], null), Manager, Now)));
        Assert.Contains("control characters", Assert.Single(TokenRules.Validate(new NewToken("a\nb", ["read"], null), Manager, Now)));
        Assert.Equal("read trade", TokenRules.Store(["trade", "read", "trade"]));
    }
}
