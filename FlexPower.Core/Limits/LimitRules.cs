using System.Globalization;
using FlexPower.Core.Alerts;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Limits;

/// <summary>What a manager asks to store: null for "no limit".</summary>
public sealed record LimitInput(long? MaxOpenMw, decimal? MaxDailyLossEur);

/// <summary>One delivery hour of a trader's day against the open-position limit.</summary>
public sealed record HourUsage(int Hour, long NetMw, long OpenMw, long? PriceCents, bool Breached);

/// <summary>A trader's day against their limits: per hour, and the day's result (MtM where priced, cash otherwise).</summary>
public sealed record DayUsage(string TraderId, DateOnly Day, TraderLimit? Limit, IReadOnlyList<HourUsage> Hours, long ResultCents, int PricedHours, int UnpricedHours)
{
    public long LossCents => Math.Max(0, -ResultCents);
    public bool LossBreached => Limit?.MaxDailyLossCents is { } max && LossCents > max;
    public long MaxOpenMw => Hours.Count == 0 ? 0 : Hours.Max(h => h.OpenMw);
}

/// <summary>
/// The limit rules, pure: what a valid limit is, how a trader's day is measured against it, and which alerts that means.
/// An hour breaches when |net MW| exceeds the open-position limit; a day when its loss exceeds the loss limit (equal is inside).
/// </summary>
public static class LimitRules
{
    public const long MaxOpenMwLimit = 1_000_000;
    public const decimal MaxLossEurLimit = 1_000_000_000m;

    public static IReadOnlyList<string> Validate(string? traderId, LimitInput input)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(traderId) || traderId.Trim().Length > 64)
            errors.Add("trader_id must be 1-64 characters (the trader id used in trades, e.g. trader_1).");
        else if (!PlainText.Is(traderId))
            errors.Add(PlainText.Problem("trader_id"));
        if (input.MaxOpenMw is { } mw && (mw < 1 || mw > MaxOpenMwLimit))
            errors.Add($"max_open_mw must be a whole number of MW from 1 to {MaxOpenMwLimit:N0}, or null for no limit (got {mw}).");
        if (input.MaxDailyLossEur is { } eur)
        {
            if (eur <= 0 || eur > MaxLossEurLimit)
                errors.Add($"max_daily_loss_eur must be a positive amount in EUR up to {MaxLossEurLimit:N0}, or null for no limit (got {eur.ToString(CultureInfo.InvariantCulture)}).");
            else if (eur != Math.Round(eur, 2))
                errors.Add($"max_daily_loss_eur has at most 2 decimals (cents; got {eur.ToString(CultureInfo.InvariantCulture)}).");
        }
        return errors;
    }

    public static long? ToCents(decimal? eur) => eur is { } e ? (long)(e * 100m) : null;

    /// <summary>The day of a trader from its hourly aggregates and the reference prices of that day (hour → eurocent/MWh).</summary>
    public static DayUsage Measure(string traderId, DateOnly day, TraderLimit? limit, IEnumerable<TradeHour> hours, IReadOnlyDictionary<int, long> prices)
    {
        var byHour = hours.ToDictionary(h => h.DeliveryHour);
        var usage = new List<HourUsage>();
        long result = 0;
        int priced = 0, unpriced = 0;
        foreach (var hour in BerlinTime.HoursOf(day))
        {
            long? price = prices.TryGetValue(hour, out var p) ? p : null;
            if (!byHour.TryGetValue(hour, out var h) || h.TradeCount == 0)
            {
                usage.Add(new HourUsage(hour, 0, 0, price, false));
                continue;
            }
            var open = Position.OpenMw(h.BuyMw, h.SellMw);
            usage.Add(new HourUsage(hour, Position.NetMw(h.BuyMw, h.SellMw), open, price, limit?.MaxOpenMw is { } max && open > max));
            result += Position.ResultCents(h.BuyMw, h.SellMw, h.BuyCents, h.SellCents, price);
            if (price is null) unpriced++; else priced++;
        }
        return new DayUsage(traderId, day, limit, usage, result, priced, unpriced);
    }

    /// <summary>The alerts a measured day calls for.</summary>
    public static IEnumerable<WantedAlert> Alerts(DayUsage usage)
    {
        foreach (var hour in usage.Hours.Where(h => h.Breached))
            yield return new WantedAlert(AlertKinds.OpenPositionLimit, HourSubject(usage.TraderId, usage.Day, hour.Hour),
                $"{usage.TraderId} is {(hour.NetMw > 0 ? "long" : "short")} {hour.OpenMw:N0} MW in delivery hour {HourLabel.Of(hour.Hour)} of {DayFormat.Of(usage.Day)}, " +
                $"over the open-position limit of {usage.Limit!.MaxOpenMw:N0} MW.");
        if (usage.LossBreached)
            yield return new WantedAlert(AlertKinds.DailyLossLimit, DaySubject(usage.TraderId, usage.Day),
                $"{usage.TraderId} has lost {Eur(usage.LossCents)} EUR on delivery day {DayFormat.Of(usage.Day)} " +
                $"({Basis(usage)}), over the daily loss limit of {Eur(usage.Limit!.MaxDailyLossCents!.Value)} EUR.");
    }

    /// <summary>Every subject a trader's day can have alerts under, so a check knows which open alerts are its to clear.</summary>
    public static IEnumerable<string> Subjects(string traderId, DateOnly day) =>
        Enumerable.Range(0, 24).Select(h => HourSubject(traderId, day, h)).Append(DaySubject(traderId, day));

    public static string HourSubject(string traderId, DateOnly day, int hour) => $"{traderId} {DayFormat.Of(day)} {HourLabel.Of(hour)}";

    public static string DaySubject(string traderId, DateOnly day) => $"{traderId} {DayFormat.Of(day)}";

    /// <summary>The trader an hour or day subject is about.</summary>
    public static string TraderOf(string subject) => subject.Split(' ')[0];

    /// <summary>The delivery day an hour or day subject is about; null for any other subject (a missing file's).</summary>
    public static DateOnly? DayOf(string subject) => subject.Split(' ') is [_, var text, ..] && DayFormat.TryParse(text, out var day) ? day : null;

    private static string Basis(DayUsage usage) => (usage.PricedHours, usage.UnpricedHours) switch
    {
        (0, _) => "cash PnL: no reference price for its hours",
        (_, 0) => "marked to market",
        var (p, u) => $"marked to market in {p} hours, cash PnL in {u} without a reference price",
    };

    private static string Eur(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);
}
