using System.Globalization;
using FlexPower.Core.Alerts;
using FlexPower.Core.Common;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Limits;

/// <summary>What a manager asks to store: null for "no limit".</summary>
public sealed record LimitInput(long? MaxOpenMw, decimal? MaxDailyLossEur);

/// <summary>
/// One delivery hour of a trader's day against the open-position limit: the net and open MW of its quarter-hour furthest
/// from flat (an hourly trade counts in all four). <see cref="Repeated"/> marks the autumn day's second 02:00, which has no price.
/// </summary>
public sealed record HourUsage(int Hour, decimal NetMw, decimal OpenMw, long? PriceCents, bool Breached, bool Repeated = false)
{
    /// <summary>The hour as the desk says it, the repeated autumn hour told apart: <c>2 - 3 (2)</c>.</summary>
    public string Label => HourLabel.Of(Hour) + (Repeated ? PeriodLabel.RepeatedMark : "");
}

/// <summary>A trader's day against their limits: per hour, and the day's result in millicents (MtM where priced, cash otherwise).</summary>
public sealed record DayUsage(string TraderId, DateOnly Day, TraderLimit? Limit, IReadOnlyList<HourUsage> Hours, long ResultMillicents, int PricedHours, int UnpricedHours)
{
    public long LossMillicents => Math.Max(0, -ResultMillicents);
    public decimal LossEur => LossMillicents / 100_000m;
    public decimal ResultEur => ResultMillicents / 100_000m;
    public bool LossBreached => Limit?.MaxDailyLossCents is { } max && LossMillicents > max * 1000;
    public decimal MaxOpenMw => Hours.Count == 0 ? 0 : Hours.Max(h => h.OpenMw);
}

/// <summary>
/// The limit rules, pure: what a valid limit is, how a trader's day is measured against it, and which alerts that means.
/// An hour breaches when the |net MW| of one of its quarter-hours exceeds the open-position limit; a day when its loss exceeds the loss limit (equal is inside).
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

    /// <summary>
    /// The day of a trader from its quarter-hour aggregates and the reference prices of that day's quarters (eurocent/MWh,
    /// <see cref="QuarterPrices"/>): each traded quarter is marked at its own price, at cash without one; an hour counts as
    /// priced and as unpriced as <see cref="Reports.DayPeriods.MarksOf"/> counts it (partly priced: both). Net MW of a quarter = net kWh / 250.
    /// </summary>
    public static DayUsage Measure(string traderId, DateOnly day, TraderLimit? limit, IEnumerable<QuarterSums> quarters, long?[] prices)
    {
        var byQuarter = quarters.ToDictionary(q => q.Quarter);
        var count = BerlinQuarters.CountOf(day);
        var usage = new List<HourUsage>();
        long result = 0;
        int priced = 0, unpriced = 0;
        for (var first = 0; first < count; first += 4)
        {
            var legacyHour = BerlinQuarters.DeliveryHourOf(count, first);
            var hour = legacyHour ?? 2;
            var price = QuarterPrices.Shown(prices.AsSpan(first, 4));
            var traded = Enumerable.Range(first, 4).Select(byQuarter.GetValueOrDefault).OfType<QuarterSums>().ToList();
            if (traded.Count == 0)
            {
                usage.Add(new HourUsage(hour, 0, 0, price, false, legacyHour is null));
                continue;
            }
            var netKwh = traded.Select(q => Position.NetKwh(q.BuyKwh, q.SellKwh)).MaxBy(Math.Abs);
            usage.Add(new HourUsage(hour, Position.AverageMw(netKwh, 1), Position.AverageMw(Math.Abs(netKwh), 1), price,
                limit?.MaxOpenMw is { } max && Math.Abs(netKwh) > max * 250, legacyHour is null));
            foreach (var q in traded)
                result += q.SellMillicents - q.BuyMillicents + (prices[q.Quarter] is { } r ? Position.MarkMillicents(q.BuyKwh, q.SellKwh, r) : 0);
            if (traded.Any(q => prices[q.Quarter] is not null)) priced++;
            if (traded.Any(q => prices[q.Quarter] is null)) unpriced++;
        }
        return new DayUsage(traderId, day, limit, usage, result, priced, unpriced);
    }

    /// <summary>The alerts a measured day calls for.</summary>
    public static IEnumerable<WantedAlert> Alerts(DayUsage usage)
    {
        foreach (var hour in usage.Hours.Where(h => h.Breached))
            yield return new WantedAlert(AlertKinds.OpenPositionLimit, HourSubject(usage.TraderId, usage.Day, hour.Label),
                $"{usage.TraderId} is {(hour.NetMw > 0 ? "long" : "short")} {Mw(hour.OpenMw)} MW in delivery hour {hour.Label} of {DayFormat.Of(usage.Day)}, " +
                $"over the open-position limit of {usage.Limit!.MaxOpenMw:N0} MW.");
        if (usage.LossBreached)
            yield return new WantedAlert(AlertKinds.DailyLossLimit, DaySubject(usage.TraderId, usage.Day),
                $"{usage.TraderId} has lost {usage.LossEur.ToString("N2", CultureInfo.InvariantCulture)} EUR on delivery day {DayFormat.Of(usage.Day)} " +
                $"({Basis(usage)}), over the daily loss limit of {Eur(usage.Limit!.MaxDailyLossCents!.Value)} EUR.");
    }

    /// <summary>Every subject a trader's day can have alerts under, so a check knows which open alerts are its to clear.</summary>
    public static IEnumerable<string> Subjects(string traderId, DateOnly day) =>
        Enumerable.Range(0, 24).Select(HourLabel.Of).Append(HourLabel.Of(2) + PeriodLabel.RepeatedMark).Select(label => HourSubject(traderId, day, label)).Append(DaySubject(traderId, day));

    public static string HourSubject(string traderId, DateOnly day, int hour) => HourSubject(traderId, day, HourLabel.Of(hour));

    /// <summary>An hour's subject: the trader, the day and the hour's label (<see cref="HourUsage.Label"/>).</summary>
    public static string HourSubject(string traderId, DateOnly day, string hourLabel) => $"{SubjectPrefix(traderId)}{DayFormat.Of(day)} {hourLabel}";

    public static string DaySubject(string traderId, DateOnly day) => $"{SubjectPrefix(traderId)}{DayFormat.Of(day)}";

    /// <summary>How every hour and day subject of a trader starts (the trader id and a space: trader_1 is not trader_10).</summary>
    public static string SubjectPrefix(string traderId) => traderId + " ";

    /// <summary>The trader an hour or day subject is about.</summary>
    public static string TraderOf(string subject) => subject.Split(' ')[0];

    /// <summary>The delivery day an hour or day subject is about; null for a subject of another form.</summary>
    public static DateOnly? DayOf(string subject) =>
        subject.Split(' ') is [_, var day, ..] && DayFormat.TryParse(day, out var parsed) ? parsed : null;

    /// <summary>The hour label of an hour subject ("9 - 10"); null for a day subject.</summary>
    public static string? HourOf(string subject) => subject.Split(' ', 3) is [_, _, var hour] ? hour : null;

    private static string Basis(DayUsage usage) => (usage.PricedHours, usage.UnpricedHours) switch
    {
        (0, _) => "cash PnL: no reference price for its hours",
        (_, 0) => "marked to market",
        var (p, u) => $"marked to market in {p} hours, cash PnL in {u} without a reference price",
    };

    private static string Eur(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);

    // Whole MW as the alerts always said them (1,234); a tenth where a quarter-hour position has one.
    private static string Mw(decimal mw) => mw.ToString("#,##0.###", CultureInfo.InvariantCulture);
}
