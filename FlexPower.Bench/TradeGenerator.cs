using System.Diagnostics;
using System.Globalization;
using FlexPower.Core.Common;
using FlexPower.Core;
using FlexPower.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace FlexPower.Bench;

/// <summary>
/// Writes a deterministic desk history straight into a FlexPower database: N trades spread evenly over
/// T traders and every delivery hour (or, mixed, every quarter-hour) of one year (Europe/Berlin), in delivery order as an
/// exchange would deliver them.
/// </summary>
public static class TradeGenerator
{
    /// <summary>Whole-MW hourly trades (the default, the older benches' desk), or issue 19's mix of 70 % quarter-hour, 15 % half-hour and 15 % hour products.</summary>
    public enum Periods { Hourly, Mixed }

    /// <summary>One generated trade as the exchange file and the trades table both spell it.</summary>
    public readonly record struct Row(string Id, string TraderId, string Day, int Hour, string Direction, int Price, int QuantityTenths, DateTime ExecutedUtc,
        DateTime StartUtc, DateTime EndUtc, string? Product);

    public static IEnumerable<Row> Rows(long rows, int traders, int year, Periods periods = Periods.Hourly) =>
        periods == Periods.Mixed ? MixedRows(rows, traders, year) : HourlyRows(rows, traders, year);

    private static IEnumerable<Row> HourlyRows(long rows, int traders, int year)
    {
        var slots = new List<(string Day, int Hour, DateTime StartUtc)>();
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            foreach (var hour in BerlinTime.HoursOf(day)) slots.Add((day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hour, BerlinTime.HourStartUtc(day, hour)));
        var random = new Random(42);
        foreach (var (s, t, written) in Spread(slots.Count, traders, rows))
        {
            var (day, hour, startUtc) = slots[s];
            var sell = random.Next(2) == 1;
            yield return new Row($"g{written:D10}", $"trader_{t + 1:D2}", day, hour, sell ? "sell" : "buy",
                8_000 + random.Next(-6_000, 9_000) + (sell ? 150 : -150), random.Next(1, 51) * 10, startUtc.AddSeconds(-random.Next(60, 86_400)), startUtc, startUtc.AddHours(1), null);
        }
    }

    /// <summary>
    /// Trades spread over every quarter-hour of the year (92, 96 or 100 a day): each one a quarter-hour (70 %), half-hour (15 %)
    /// or hour (15 %) product starting on its own grid — the quarter it falls on, rounded down to its length, so it ends
    /// within its day — with 0.1–50.0 MW in 0.1 MW steps; delivery day and hour are the Berlin day and clock hour of its start.
    /// </summary>
    private static IEnumerable<Row> MixedRows(long rows, int traders, int year)
    {
        var slots = new List<(string Day, int Quarter, int Hour, DateTime StartUtc)>();
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            for (var quarter = 0; quarter < BerlinQuarters.CountOf(day); quarter++)
                slots.Add((day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), quarter, BerlinQuarters.HourOf(day, quarter), BerlinQuarters.StartUtc(day, quarter)));
        var random = new Random(4219);
        foreach (var (s, t, written) in Spread(slots.Count, traders, rows))
        {
            var pick = random.Next(100);
            var (quarters, product) = pick < 70 ? (1, "XBID_Quarter_Hour_Power") : pick < 85 ? (2, "XBID_Half_Hour_Power") : (4, "XBID_Hour_Power");
            var (day, _, hour, startUtc) = slots[s - slots[s].Quarter % quarters];
            var sell = random.Next(2) == 1;
            yield return new Row($"g{written:D10}", $"trader_{t + 1:D2}", day, hour, sell ? "sell" : "buy",
                8_000 + random.Next(-6_000, 9_000) + (sell ? 150 : -150), random.Next(1, 501), startUtc.AddSeconds(-random.Next(60, 86_400)),
                startUtc, startUtc + quarters * BerlinQuarters.Length, product);
        }
    }

    /// <summary>Which slot and trader each of <paramref name="rows"/> trades falls on, in slot order, the remainder spread so the total is exact.</summary>
    private static IEnumerable<(int Slot, int Trader, long Written)> Spread(int slots, int traders, long rows)
    {
        var perSlotAndTrader = rows / ((double)slots * traders);
        long written = 0;
        for (var s = 0; s < slots && written < rows; s++)
            for (var t = 0; t < traders && written < rows; t++)
            {
                var target = (long)Math.Round((s * (double)traders + t + 1) * perSlotAndTrader);
                for (; written < target && written < rows; written++) yield return (s, t, written);
            }
    }

    /// <summary>The same rows as an exchange file (header, LF line ends, execution time as ISO 8601 UTC).</summary>
    public static void GenerateCsv(string path, long rows, int traders, int year)
    {
        var clock = Stopwatch.StartNew();
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.Write("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n");
        foreach (var r in Rows(rows, traders, year))
            writer.Write($"{r.Id},{r.Price},{r.QuantityTenths / 10},{r.Direction},{r.Day},{r.Hour},{r.TraderId},{r.ExecutedUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        Console.WriteLine($"Generated {rows:N0} rows for {traders} traders in {year} into {path} in {clock.Elapsed.TotalSeconds:N1} s.");
    }

    public static void Generate(string target, long rows, int traders, int year, Periods periods = Periods.Hourly)
    {
        if (BenchServices.IsPostgres(target))
        {
            GeneratePostgres(target, rows, traders, year, periods);
            return;
        }
        var path = target;
        if (File.Exists(path)) throw new InvalidOperationException($"{path} exists; delete it first.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var clock = Stopwatch.StartNew();
        using (var services = BenchServices.Create(path))
            services.PrepareDatabaseAsync().GetAwaiter().GetResult(); // the real schema, by the app's own migrations
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;");

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity_tenths, execution_time_utc, delivery_start_utc, delivery_end_utc, product)
            VALUES ($id, $trader, $day, $hour, $direction, $price, $quantity, $executed, $start, $end, $product)
            """;
        var p = new[] { "$id", "$trader", "$day", "$hour", "$direction", "$price", "$quantity", "$executed", "$start", "$end", "$product" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();

        long written = 0;
        var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        foreach (var r in Rows(rows, traders, year, periods))
        {
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (r.Id, r.TraderId, r.Day, r.Hour);
            (p[4].Value, p[5].Value, p[6].Value) = (r.Direction, r.Price, (long)r.QuantityTenths);
            (p[7].Value, p[8].Value, p[9].Value, p[10].Value) = (SqliteStorage.Instant(r.ExecutedUtc), SqliteStorage.Instant(r.StartUtc), SqliteStorage.Instant(r.EndUtc), r.Product ?? (object)DBNull.Value);
            insert.ExecuteNonQuery();
            if (++written % 500_000 == 0)
            {
                transaction.Commit();
                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                Console.WriteLine($"  {written:N0} trades, {clock.Elapsed.TotalSeconds:N0} s");
            }
        }
        transaction.Commit();
        FlexPower.Core.Data.Stores.AggregateStore.RebuildAsync(connection).GetAwaiter().GetResult();
        Execute(connection, "ANALYZE; PRAGMA synchronous=NORMAL;");
        Console.WriteLine($"Generated {written:N0} {periods.ToString().ToLowerInvariant()} trades for {traders} traders in {year} into {path} in {clock.Elapsed.TotalSeconds:N0} s.");
    }

    /// <summary>The same rows into an empty PostgreSQL database: the app's schema, a binary COPY, then the aggregates rebuilt from the trades.</summary>
    private static void GeneratePostgres(string connectionString, long rows, int traders, int year, Periods periods)
    {
        var clock = Stopwatch.StartNew();
        using (var services = BenchServices.Create(connectionString))
            services.PrepareDatabaseAsync().GetAwaiter().GetResult();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var count = new NpgsqlCommand("SELECT count(*) FROM trades", connection))
            if ((long)count.ExecuteScalar()! > 0) throw new InvalidOperationException("The database already has trades; use an empty one.");
        long written = 0;
        using (var copy = connection.BeginBinaryImport("COPY trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity_tenths, execution_time_utc, delivery_start_utc, delivery_end_utc, product) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in Rows(rows, traders, year, periods))
            {
                copy.StartRow();
                copy.Write(r.Id, NpgsqlDbType.Varchar);
                copy.Write(r.TraderId, NpgsqlDbType.Varchar);
                copy.Write(DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                copy.Write(r.Hour, NpgsqlDbType.Integer);
                copy.Write(r.Direction, NpgsqlDbType.Varchar);
                copy.Write((long)r.Price, NpgsqlDbType.Bigint);
                copy.Write((long)r.QuantityTenths, NpgsqlDbType.Bigint);
                copy.Write(DateTime.SpecifyKind(r.ExecutedUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(DateTime.SpecifyKind(r.StartUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(DateTime.SpecifyKind(r.EndUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                if (r.Product is null) copy.WriteNull(); else copy.Write(r.Product, NpgsqlDbType.Varchar);
                if (++written % 1_000_000 == 0) Console.WriteLine($"  {written:N0} trades, {clock.Elapsed.TotalSeconds:N0} s");
            }
            copy.Complete();
        }
        FlexPower.Core.Data.Stores.AggregateStore.RebuildAsync(connection).GetAwaiter().GetResult();
        using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 }) analyze.ExecuteNonQuery();
        Console.WriteLine($"Generated {written:N0} {periods.ToString().ToLowerInvariant()} trades for {traders} traders in {year} into PostgreSQL in {clock.Elapsed.TotalSeconds:N0} s.");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
