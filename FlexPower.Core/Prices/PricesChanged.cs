using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>Reference prices of a series were stored or corrected for delivery days between the two (inclusive).</summary>
public sealed record PricesChanged(string Series, DateOnly FirstDay, DateOnly LastDay) : Change
{
    public bool Covers(DateOnly day) => day >= FirstDay && day <= LastDay;
}
