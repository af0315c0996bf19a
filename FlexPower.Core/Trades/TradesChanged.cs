using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

/// <summary>Trades were stored: which traders' trades on which delivery days.</summary>
public sealed record TradesChanged(IReadOnlySet<string> TraderIds, IReadOnlySet<DateOnly> DeliveryDays) : Change;
