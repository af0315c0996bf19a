namespace FlexPower.Core.Limits;

/// <summary>A trader's limits, set by a manager: the largest open position per delivery hour, and the largest loss per delivery day.</summary>
public sealed class TraderLimit
{
    public required string TraderId { get; init; }

    /// <summary>|net MW| allowed in any one delivery hour; null for no limit.</summary>
    public long? MaxOpenMw { get; set; }

    /// <summary>Loss allowed per delivery day in eurocent (MtM where the hour has a reference price, cash otherwise); null for no limit.</summary>
    public long? MaxDailyLossCents { get; set; }

    public DateTime UpdatedUtc { get; set; }
    public required string UpdatedBy { get; set; }
}
