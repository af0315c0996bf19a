using System.Globalization;

namespace FlexPower.Core.Common;

/// <summary>A count or size in a message, digits grouped the same on every server whatever its culture (65,536).</summary>
public static class Counts
{
    public static string Of(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
