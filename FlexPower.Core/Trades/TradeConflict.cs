using FlexPower.Core.Accounts;

namespace FlexPower.Core.Trades;

/// <summary>A trade arrives with an id that is already stored: the same trade again, or a conflict — explained only as far as the caller may see the stored one.</summary>
public static class TradeConflict
{
    /// <summary>Null when both are the same trade (a safe repeat); otherwise why the incoming one cannot be stored.</summary>
    public static string? Describe(Caller caller, Trade stored, Trade incoming)
    {
        var differing = TradeRules.DifferingFields(stored, incoming);
        if (differing.Count == 0) return null;
        // Naming the differing fields of another trader's trade would let a Trader guess its price field by field.
        if (!caller.CanReadAny([stored.TraderId]))
            return $"trade id '{incoming.Id}' is already taken: trade ids are unique across the desk, so use a new id";
        return $"a trade with id '{incoming.Id}' is already stored with a different {string.Join(", ", differing)}; trade ids are unique, so send the stored values or use a new id";
    }
}
