using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Demo;

/// <summary>Fills an empty database with demo traders and their trades; running it again changes nothing.</summary>
public sealed class DemoSeeder(
    IServiceScopeFactory scopes,
    AccountService accounts,
    IDbContextFactory<FlexPowerDbContext> dbFactory,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(TextWriter console, CancellationToken cancellationToken = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var trader in DemoData.Traders)
                if (await users.FindByNameAsync(trader.UserName) is null)
                    await accounts.CreateAsync(AccountService.StartUp, new NewAccount(trader.UserName, trader.Password, Roles.Trader, trader.TraderId), cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Trades.AnyAsync(cancellationToken))
        {
            // Up to yesterday: the exchange reports a day's trades the night after.
            var lastDay = BerlinTime.Today(clock).AddDays(-1);
            db.Trades.AddRange(DemoData.Trades(lastDay));
            var count = await db.SaveChangesAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await AggregateStore.RebuildAsync(db.Database.GetDbConnection(), cancellationToken); // the demo trades are all the trades there are
            logger.LogInformation("Seeded {Count} demo trades up to {LastDay}", count, DayFormat.Of(lastDay));
        }
        await SeedPricesAsync(db, cancellationToken);

        console.WriteLine("Demo logins (Demo:Seed is on): " +
            string.Join(", ", DemoData.Traders.Select(t => $"{t.UserName} / {t.Password} ({t.TraderId})")));
    }

    /// <summary>A day-ahead series for the demo traders' days, once: a database that has any reference price keeps its own.</summary>
    private async Task SeedPricesAsync(FlexPowerDbContext db, CancellationToken cancellationToken)
    {
        if (await db.ReferencePrices.AnyAsync(cancellationToken)) return;
        var demoTraders = DemoData.Traders.Select(t => t.TraderId).ToList();
        var lastDay = await db.TradeDays.Where(d => demoTraders.Contains(d.TraderId)).MaxAsync(d => (DateOnly?)d.DeliveryDay, cancellationToken);
        if (lastDay is not { } last) return;
        db.ReferencePrices.AddRange(DemoData.DayAheadPrices(last));
        var count = await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} demo {Series} prices up to {LastDay}", count, DemoData.DayAheadSeries, DayFormat.Of(last));
    }
}
