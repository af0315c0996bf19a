namespace FlexPower.Core.Common;

/// <summary>Quantities are stored as integer tenths of MW (0.1 MW steps) and shown as exact decimal MW.</summary>
public static class Megawatts
{
    /// <summary>A whole number of MW has no fraction digits (12, never 12.0), so the contract's integer quantities print as before.</summary>
    public static decimal FromTenths(long tenths) => tenths % 10 == 0 ? tenths / 10 : tenths / 10m;
}
