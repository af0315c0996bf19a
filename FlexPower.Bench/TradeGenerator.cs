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
/// T traders and every delivery hour of one year (Europe/Berlin), in delivery order as an exchange would deliver them.
/// </summary>
public static class TradeGenerator
{
    /// <summary>One generated trade as the exchange file and the trades table both spell it.</summary>
    public readonly record struct Row(string Id, string TraderId, string Day, int Hour, string Direction, int Price, int Quantity, DateTime ExecutedUtc, DateTime StartUtc);

    public static IEnumerable<Row> Rows(long rows, int traders, int year)
    {
        var slots = new List<(string Day, int Hour, DateTime StartUtc)>();
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            foreach (var hour in BerlinTime.HoursOf(day)) slots.Add((day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hour, BerlinTime.HourStartUtc(day, hour)));
        var perSlotAndTrader = rows / ((double)slots.Count * traders);
        var random = new Random(42);
        long written = 0;
        for (var s = 0; s < slots.Count && written < rows; s++)
        {
            var (day, hour, startUtc) = slots[s];
            for (var t = 0; t < traders && written < rows; t++)
            {
                // Spread the remainder so the total is exactly `rows`.
                var target = (long)Math.Round((s * (double)traders + t + 1) * perSlotAndTrader);
                for (; written < target && written < rows; written++)
                {
                    var sell = random.Next(2) == 1;
                    yield return new Row($"g{written:D10}", $"trader_{t + 1:D2}", day, hour, sell ? "sell" : "buy",
                        8_000 + random.Next(-6_000, 9_000) + (sell ? 150 : -150), random.Next(1, 51), startUtc.AddSeconds(-random.Next(60, 86_400)), startUtc);
                }
            }
        }
    }

    /// <summary>The same rows as an exchange file (header, LF line ends, execution time as ISO 8601 UTC).</summary>
    public static void GenerateCsv(string path, long rows, int traders, int year)
    {
        var clock = Stopwatch.StartNew();
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.Write("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n");
        foreach (var r in Rows(rows, traders, year))
            writer.Write($"{r.Id},{r.Price},{r.Quantity},{r.Direction},{r.Day},{r.Hour},{r.TraderId},{r.ExecutedUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        Console.WriteLine($"Generated {rows:N0} rows for {traders} traders in {year} into {path} in {clock.Elapsed.TotalSeconds:N1} s.");
    }

    public static void Generate(string target, long rows, int traders, int year)
    {
        if (BenchServices.IsPostgres(target))
        {
            GeneratePostgres(target, rows, traders, year);
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
            INSERT INTO trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity_tenths, execution_time_utc, delivery_start_utc, delivery_end_utc)
            VALUES ($id, $trader, $day, $hour, $direction, $price, $quantity, $executed, $start, $end)
            """;
        var p = new[] { "$id", "$trader", "$day", "$hour", "$direction", "$price", "$quantity", "$executed", "$start", "$end" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();

        long written = 0;
        var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        foreach (var r in Rows(rows, traders, year))
        {
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (r.Id, r.TraderId, r.Day, r.Hour);
            (p[4].Value, p[5].Value, p[6].Value) = (r.Direction, r.Price, r.Quantity * 10L);
            (p[7].Value, p[8].Value, p[9].Value) = (SqliteStorage.Instant(r.ExecutedUtc), SqliteStorage.Instant(r.StartUtc), SqliteStorage.Instant(r.StartUtc.AddHours(1)));
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
        Console.WriteLine($"Generated {written:N0} trades for {traders} traders in {year} into {path} in {clock.Elapsed.TotalSeconds:N0} s.");
    }

    /// <summary>The same rows into an empty PostgreSQL database: the app's schema, a binary COPY, then the aggregates rebuilt from the trades.</summary>
    private static void GeneratePostgres(string connectionString, long rows, int traders, int year)
    {
        var clock = Stopwatch.StartNew();
        using (var services = BenchServices.Create(connectionString))
            services.PrepareDatabaseAsync().GetAwaiter().GetResult();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var count = new NpgsqlCommand("SELECT count(*) FROM trades", connection))
            if ((long)count.ExecuteScalar()! > 0) throw new InvalidOperationException("The database already has trades; use an empty one.");
        long written = 0;
        using (var copy = connection.BeginBinaryImport("COPY trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity_tenths, execution_time_utc, delivery_start_utc, delivery_end_utc) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in Rows(rows, traders, year))
            {
                copy.StartRow();
                copy.Write(r.Id, NpgsqlDbType.Varchar);
                copy.Write(r.TraderId, NpgsqlDbType.Varchar);
                copy.Write(DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                copy.Write(r.Hour, NpgsqlDbType.Integer);
                copy.Write(r.Direction, NpgsqlDbType.Varchar);
                copy.Write((long)r.Price, NpgsqlDbType.Bigint);
                copy.Write(r.Quantity * 10L, NpgsqlDbType.Bigint);
                copy.Write(DateTime.SpecifyKind(r.ExecutedUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(DateTime.SpecifyKind(r.StartUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(DateTime.SpecifyKind(r.StartUtc.AddHours(1), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                if (++written % 1_000_000 == 0) Console.WriteLine($"  {written:N0} trades, {clock.Elapsed.TotalSeconds:N0} s");
            }
            copy.Complete();
        }
        FlexPower.Core.Data.Stores.AggregateStore.RebuildAsync(connection).GetAwaiter().GetResult();
        using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 }) analyze.ExecuteNonQuery();
        Console.WriteLine($"Generated {written:N0} trades for {traders} traders in {year} into PostgreSQL in {clock.Elapsed.TotalSeconds:N0} s.");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
