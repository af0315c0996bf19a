using FlexPower.Core.Accounts;

namespace FlexPower.Tests.Unit;

public sealed class AccountStampTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsClear_EnabledUnlockedNoFailures_IsTrue() =>
        Assert.True(new AccountStamp("u1", "s", IsDisabled: false, LockoutEnd: Now.AddMinutes(-1), AccessFailedCount: 0).IsClear(Now));

    [Theory]
    [InlineData(true, 0, 0)]    // disabled
    [InlineData(false, 10, 0)]  // locked out for ten more minutes
    [InlineData(false, 0, 0)]   // locked out until this very moment: Identity still counts it
    [InlineData(false, -1, 2)]  // failed sign-ins to reset, which takes the full check
    public void IsClear_AnythingToCheck_IsFalse(bool disabled, int lockedForMinutes, int failures) =>
        Assert.False(new AccountStamp("u1", "s", disabled, disabled || lockedForMinutes < 0 ? null : Now.AddMinutes(lockedForMinutes), failures).IsClear(Now));
}
