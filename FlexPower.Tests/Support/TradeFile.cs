using System.Text;

namespace FlexPower.Tests.Support;

/// <summary>Exchange files written for a test: the header, then one row per index (a default good row unless <c>lineAt</c> says otherwise).</summary>
public static class TradeFile
{
    public const string Header = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time";

    /// <summary>Row <paramref name="i"/> is on line i + 2.</summary>
    public static string Write(string directory, string name, int rows, Func<int, string?>? lineAt = null)
    {
        var path = Path.Combine(directory, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Header + "\n");
        for (var i = 0; i < rows; i++) writer.Write((lineAt?.Invoke(i) ?? GoodRow(i)) + "\n");
        return path;
    }

    public static string GoodRow(int i) => $"r{i},{i % 9000},{1 + i % 50},{(i % 2 == 0 ? "buy" : "sell")},2025-03-01,{i % 24},trader_1,2025-02-28T12:00:00Z";
}
