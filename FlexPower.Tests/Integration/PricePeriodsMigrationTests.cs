using FlexPower.Core.Data;
using FlexPower.Core.Prices;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>
/// The PricePeriods migration on a database of the release before it (migrated to QuarterAggregates, prices written with
/// SQL by delivery hour): every stored price becomes the 60-minute period of its hour on the right side of both clock
/// changes, its delivery hour, price and import kept, and reads back with its UTC start and end.
/// </summary>
public abstract class PricePeriodsMigrationTests(DatabaseProvider provider) : IAsyncLifetime
{
    private UpgradedDatabase database = default!;
    private ServiceProvider services = default!;

    public async ValueTask InitializeAsync() => services = (database = await UpgradedDatabase.CreateAsync(provider)).Services;

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private string PreviousMigration => provider == DatabaseProvider.Sqlite ? "20261207050154_QuarterAggregates" : "20261207050200_QuarterAggregates";

    // (series, day, hour, eurocent/MWh, import id): both clock-change days and an ordinary one, two series.
    private static readonly (string Series, string Day, int Hour, long Cents, long ImportId)[] Prices =
    [
        ("day-ahead", "2025-03-30", 1, 6_666, 3), ("day-ahead", "2025-03-30", 3, -501, 3), ("day-ahead", "2025-03-30", 23, 1_234, 4),
        ("day-ahead", "2025-10-26", 0, 4_500, 5), ("day-ahead", "2025-10-26", 2, 7_100, 5), ("day-ahead", "2025-10-26", 3, 999_999, 6), ("day-ahead", "2025-10-26", 23, 1_234, 6),
        ("day-ahead", "2025-06-15", 0, 0, 7), ("day-ahead", "2025-06-15", 23, -50_000, 7), ("id3", "2025-06-15", 12, 10_001, 8),
    ];

    [Fact]
    public async Task EveryPriceBecomesItsHour_OnBothSidesOfTheClockChanges_WithItsPriceAndImportKept()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await database.UpgradeAsync(PreviousMigration, PreviousReleaseRows(), cancellationToken);

        await using var after = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(cancellationToken);
        var stored = await after.ReferencePrices.AsNoTracking().OrderBy(p => p.Series).ThenBy(p => p.DeliveryDay).ThenBy(p => p.FirstQuarter).ToListAsync(cancellationToken);
        Assert.Equal(
        [
            // Spring (92 quarters): hour 3 follows the skipped hour 2 at quarter 8; hour 23 is 88–91.
            "day-ahead 2025-03-30 q4×4 h1 6666 #3", "day-ahead 2025-03-30 q8×4 h3 -501 #3", "day-ahead 2025-03-30 q88×4 h23 1234 #4",
            "day-ahead 2025-06-15 q0×4 h0 0 #7", "day-ahead 2025-06-15 q92×4 h23 -50000 #7",
            // Autumn (100 quarters): the stored hour 2 is the first 02:00 (8–11); hour 3 comes after the repeated one, at 16.
            "day-ahead 2025-10-26 q0×4 h0 4500 #5", "day-ahead 2025-10-26 q8×4 h2 7100 #5", "day-ahead 2025-10-26 q16×4 h3 999999 #6", "day-ahead 2025-10-26 q96×4 h23 1234 #6",
            "id3 2025-06-15 q48×4 h12 10001 #8",
        ], stored.Select(p => FormattableString.Invariant($"{p.Series} {p.DeliveryDay:yyyy-MM-dd} q{p.FirstQuarter}×{p.Quarters} h{p.DeliveryHour} {p.PriceCents} #{p.ImportId}")));
        // What the code computes for an hour is what the migration stored, so a later file of the same hour finds it.
        Assert.All(stored, p => Assert.Equal(ReferencePrice.OfHour(p.Series, p.DeliveryDay, p.DeliveryHour!.Value, p.PriceCents).FirstQuarter, p.FirstQuarter));

        var autumn = await services.GetRequiredService<PriceService>().ListAsync("day-ahead", new DateOnly(2025, 10, 26), new DateOnly(2025, 10, 26), cancellationToken);
        Assert.Equal([(0, "2025-10-25T22:00:00", 45.00m), (2, "2025-10-26T00:00:00", 71.00m), (3, "2025-10-26T02:00:00", 9999.99m), (23, "2025-10-26T22:00:00", 12.34m)],
            autumn.Select(p => (p.DeliveryHour, p.Start.ToString("s"), p.PriceEurMwh)));
        Assert.All(autumn, p => Assert.Equal((DateTimeKind.Utc, TimeSpan.FromHours(1)), (p.Start.Kind, p.End - p.Start)));
    }

    /// <summary>The prices as the previous release stored them: one row per series, day and delivery hour.</summary>
    private static string PreviousReleaseRows()
    {
        var rows = Prices.Select(p => FormattableString.Invariant($"('{p.Series}', '{p.Day}', {p.Hour}, {p.Cents}, {p.ImportId})"));
        return $"INSERT INTO reference_prices (series, delivery_day, delivery_hour, price_cents, import_id) VALUES {string.Join(", ", rows)};";
    }
}

public sealed class SqlitePricePeriodsMigrationTests() : PricePeriodsMigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresPricePeriodsMigrationTests() : PricePeriodsMigrationTests(DatabaseProvider.Postgres);
