using FlexPower.Core.Accounts;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

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

    /// <summary>
    /// Reports a trade that was not stored because its id is taken: by an earlier row of the same file (a mistake in the
    /// file), or by a stored trade or an earlier request of the same group (the same trade again is a duplicate, other
    /// values a conflict). True for a duplicate.
    /// </summary>
    public static bool Report(RowOutcomes outcomes, TradeBatch batch, Caller caller, in CheckedTrade incoming, Trade stored, bool storedByThisBatch)
    {
        if (storedByThisBatch && batch == TradeBatch.File)
        {
            outcomes.Rejected(incoming.Line, incoming.Raw, $"id '{stored.Id}' appears earlier in this file");
            return false;
        }
        if (Describe(caller, stored, incoming.ToTrade()) is { } conflict)
        {
            outcomes.Rejected(incoming.Line, incoming.Raw, conflict);
            return false;
        }
        outcomes.Duplicate(incoming.Line);
        return true;
    }
}
