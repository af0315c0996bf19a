using System.Runtime.CompilerServices;
using FlexPower.Core.Trades;

using FlexPower.Core.Data.TradeWrites;

namespace FlexPower.Core.Import;

/// <summary>A file's checked rows as it is read, each trade in the view the writers and the spool take.</summary>
internal sealed class TradeFileRows(TradeFileReader reader, FileStream file) : ICheckedRows
{
    private readonly byte[] ids = new byte[CheckedTrade.MaxUtf8Ids];

    public long Position => file.Position;

    public long Length => file.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read(out SpooledRow row)
    {
        if (!reader.Read())
        {
            row = default;
            return false;
        }
        row = reader.Trade is { } trade
            ? new SpooledRow { Line = reader.Line, Raw = reader.Raw, Trade = CheckedTrade.Of(reader.Line, reader.Raw, trade, ids) }
            : new SpooledRow { Line = reader.Line, Raw = reader.Raw, Reason = reader.Reason };
        return true;
    }
}
