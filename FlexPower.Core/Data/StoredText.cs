using FlexPower.Core.Trades;

namespace FlexPower.Core.Data;

/// <summary>How enum-like values are spelled in the database, for the EF mapping and the raw SQL alike.</summary>
public static class StoredText
{
    public const string Buy = "buy";
    public const string Sell = "sell";

    public static string Direction(TradeDirection direction) => direction == TradeDirection.Buy ? Buy : Sell;

    public static TradeDirection ParseDirection(string text) => text == Buy ? TradeDirection.Buy : TradeDirection.Sell;

    /// <summary>The same spelling as UTF-8, for the bulk paths that bind bytes.</summary>
    public static ReadOnlySpan<byte> DirectionUtf8(TradeDirection direction) => direction == TradeDirection.Buy ? "buy"u8 : "sell"u8;

    public static TradeDirection ParseDirection(ReadOnlySpan<byte> utf8) => utf8.SequenceEqual("buy"u8) ? TradeDirection.Buy : TradeDirection.Sell;
}
