using System.Globalization;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;
using FlexPower.Web.Components.Shared;

namespace FlexPower.Web.Features.Trades;

/// <summary>A trade's delivery period in UTC with its length, for the tooltip over its Berlin label (<see cref="PeriodLabel"/>).</summary>
public static class TradePeriodLabel
{
    /// <summary>The period in UTC with its length, for a tooltip.</summary>
    public static string Utc(Trade trade) =>
        $"{Figures.Time(trade.DeliveryStartUtc)}–{Figures.Time(trade.DeliveryEndUtc)} UTC, {Length(trade.Length)}";

    private static string Length(TimeSpan length) => length.TotalMinutes < 60 ? $"{length.TotalMinutes:0} min" : $"{length.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h";
}
