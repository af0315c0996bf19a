using System.Diagnostics.CodeAnalysis;

namespace FlexPower.Core.Import;

/// <summary>How a file reader opens, trades and prices alike: its header is mapped first, and a reader whose header is
/// refused (or fails to read) is disposed with its stream.</summary>
internal static class HeaderedFile
{
    public static bool TryOpen<TReader>(TReader reader, Func<TReader, string?> mapHeader,
        [NotNullWhen(true)] out TReader? opened, [NotNullWhen(false)] out string? problem) where TReader : class, IDisposable
    {
        try
        {
            problem = mapHeader(reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        if (problem is null)
        {
            opened = reader;
            return true;
        }
        reader.Dispose();
        opened = null;
        return false;
    }
}
