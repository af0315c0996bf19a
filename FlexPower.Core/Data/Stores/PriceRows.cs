using System.Data.Common;
using FlexPower.Core.Prices;
using Npgsql;
using P = FlexPower.Core.Data.Configurations.ReferencePriceConfiguration;

namespace FlexPower.Core.Data.Stores;

/// <summary>A stored period of a series that a line's period overlaps.</summary>
internal sealed record StoredPeriod(int FirstQuarter, int Quarters, long Cents, long ImportId);

/// <summary>
/// A price file's periods read and written in bulk, each provider its fastest way: on SQLite prepared statements row by row
/// (in process a row costs microseconds, while a statement of 500 rows took 6 times as long per row, binding its parameters
/// by name — measured), on PostgreSQL one statement over arrays (row by row, every row would cost a round trip).
/// </summary>
internal static class PriceRows
{
    /// <summary>The stored periods of the series each line's period overlaps, in the lines' order (empty where none).</summary>
    public static Task<List<StoredPeriod>[]> OverlappedAsync(DbTransaction transaction, string series, IReadOnlyList<PriceLine> lines, CancellationToken cancellationToken) =>
        transaction.Connection is NpgsqlConnection
            ? OverlappedFromArraysAsync(transaction, series, lines, cancellationToken)
            : Task.FromResult(OverlappedRowByRow(transaction, series, lines));

    /// <summary>
    /// Stores the lines' periods: <paramref name="replacing"/> each in place of every stored period of the series it overlaps,
    /// <paramref name="inserted"/> where none is stored (no delete: most of a first import's lines, a statement each saved).
    /// </summary>
    public static Task StoreAsync(DbTransaction transaction, string series, long importId, IReadOnlyList<PriceLine> inserted, IReadOnlyList<PriceLine> replacing,
        CancellationToken cancellationToken)
    {
        if (transaction.Connection is NpgsqlConnection) return StoreFromArraysAsync(transaction, series, importId, inserted, replacing, cancellationToken);
        StoreRowByRow(transaction, series, importId, inserted, replacing);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The period (day, first quarter, quarters) overlaps the stored p — as plain comparisons of p's key, so both providers search
    /// the key's range of the day (the first bound: no period is longer than an hour); SQLite would scan the table for a
    /// correlated subquery.
    /// </summary>
    private static string Overlaps(string day, string first, string quarters) => $"""
        p.{P.Series} = @series AND p.{P.DeliveryDay} = {day} AND p.{P.FirstQuarter} > {first} - {P.MaxQuarters}
        AND p.{P.FirstQuarter} < {first} + {quarters} AND p.{P.FirstQuarter} + p.{P.Quarters} > {first}
        """;

    private static readonly string LineOverlaps = Overlaps("@day", "@first", "@quarters");
    private static readonly string ArrayOverlaps = Overlaps("v.d", "v.f", "v.n");

    private const string Columns = $"{P.Series}, {P.DeliveryDay}, {P.FirstQuarter}, {P.Quarters}, {P.DeliveryHour}, {P.PriceCents}, {P.ImportId}";

    private static List<StoredPeriod>[] OverlappedRowByRow(DbTransaction transaction, string series, IReadOnlyList<PriceLine> lines)
    {
        using var select = Command(transaction, $"SELECT p.{P.FirstQuarter}, p.{P.Quarters}, p.{P.PriceCents}, p.{P.ImportId} FROM {P.Table} p WHERE {LineOverlaps}");
        var (day, first, quarters) = (Parameter(select, "day"), Parameter(select, "first"), Parameter(select, "quarters"));
        Parameter(select, "series").Value = series;
        select.Prepare();
        var stored = new List<StoredPeriod>[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            (day.Value, first.Value, quarters.Value) = (lines[i].Day, lines[i].FirstQuarter, lines[i].Quarters);
            stored[i] = [];
            using var reader = select.ExecuteReader();
            while (reader.Read()) stored[i].Add(new StoredPeriod(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return stored;
    }

    private static void StoreRowByRow(DbTransaction transaction, string series, long importId, IReadOnlyList<PriceLine> inserted, IReadOnlyList<PriceLine> replacing)
    {
        if (inserted.Count + replacing.Count == 0) return;
        using var delete = Command(transaction, $"DELETE FROM {P.Table} AS p WHERE {LineOverlaps}");
        var (day, first, quarters) = (Parameter(delete, "day"), Parameter(delete, "first"), Parameter(delete, "quarters"));
        Parameter(delete, "series").Value = series;
        delete.Prepare();
        using var insert = Command(transaction, $"INSERT INTO {P.Table} ({Columns}) VALUES (@series, @day, @first, @quarters, @hour, @cents, @import)");
        var (insertDay, insertFirst, insertQuarters, hour, cents) =
            (Parameter(insert, "day"), Parameter(insert, "first"), Parameter(insert, "quarters"), Parameter(insert, "hour"), Parameter(insert, "cents"));
        (Parameter(insert, "series").Value, Parameter(insert, "import").Value) = (series, importId);
        insert.Prepare();
        foreach (var line in replacing)
        {
            (day.Value, first.Value, quarters.Value) = (line.Day, line.FirstQuarter, line.Quarters);
            delete.ExecuteNonQuery();
        }
        foreach (var line in inserted.Concat(replacing))
        {
            (insertDay.Value, insertFirst.Value, insertQuarters.Value, hour.Value, cents.Value) =
                (line.Day, line.FirstQuarter, line.Quarters, line.DeliveryHour is { } h ? h : DBNull.Value, line.Cents);
            insert.ExecuteNonQuery();
        }
    }

    private static async Task<List<StoredPeriod>[]> OverlappedFromArraysAsync(DbTransaction transaction, string series, IReadOnlyList<PriceLine> lines, CancellationToken cancellationToken)
    {
        await using var select = Command(transaction, $"""
            SELECT v.i, p.{P.FirstQuarter}, p.{P.Quarters}, p.{P.PriceCents}, p.{P.ImportId} FROM unnest(@i, @day, @first, @quarters) AS v(i, d, f, n)
            JOIN {P.Table} p ON {ArrayOverlaps}
            """);
        Parameter(select, "series").Value = series;
        Parameter(select, "i").Value = Enumerable.Range(0, lines.Count).ToArray();
        AddPeriods(select, lines);
        var stored = Enumerable.Range(0, lines.Count).Select(_ => new List<StoredPeriod>()).ToArray();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            stored[reader.GetInt32(0)].Add(new StoredPeriod(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4)));
        return stored;
    }

    private static async Task StoreFromArraysAsync(DbTransaction transaction, string series, long importId, IReadOnlyList<PriceLine> inserted, IReadOnlyList<PriceLine> replacing,
        CancellationToken cancellationToken)
    {
        if (replacing.Count > 0)
        {
            await using var delete = Command(transaction, $"DELETE FROM {P.Table} p USING unnest(@day, @first, @quarters) AS v(d, f, n) WHERE {ArrayOverlaps}");
            Parameter(delete, "series").Value = series;
            AddPeriods(delete, replacing);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        var lines = inserted.Concat(replacing).ToList();
        if (lines.Count == 0) return;
        await using var insert = Command(transaction, $"""
            INSERT INTO {P.Table} ({Columns})
            SELECT @series, v.d, v.f, v.n, v.h, v.c, @import FROM unnest(@day, @first, @quarters, @hour, @cents) AS v(d, f, n, h, c)
            """);
        (Parameter(insert, "series").Value, Parameter(insert, "import").Value) = (series, importId);
        AddPeriods(insert, lines);
        Parameter(insert, "hour").Value = lines.Select(l => l.DeliveryHour).ToArray();
        Parameter(insert, "cents").Value = lines.Select(l => l.Cents).ToArray();
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddPeriods(DbCommand command, IReadOnlyList<PriceLine> lines)
    {
        Parameter(command, "day").Value = lines.Select(l => l.Day).ToArray();
        Parameter(command, "first").Value = lines.Select(l => l.FirstQuarter).ToArray();
        Parameter(command, "quarters").Value = lines.Select(l => l.Quarters).ToArray();
    }

    private static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        (command.Transaction, command.CommandText) = (transaction, sql);
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
