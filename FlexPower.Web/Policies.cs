namespace FlexPower.Web;

public static class Policies
{
    public const string Manager = nameof(Manager);
    public const string Trader = nameof(Trader);
}
