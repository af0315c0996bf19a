using System.Text;

namespace FlexPower.Core.Import;

/// <summary>One CSV record: its fields (surrounding whitespace trimmed), the physical line it starts on, and its raw text.</summary>
public readonly record struct CsvRecord(int Line, IReadOnlyList<string> Fields, string Raw, string? Error);

/// <summary>
/// A streaming RFC 4180 reader: quoted fields (with "" escapes and line breaks inside), LF or CRLF, surrounding
/// whitespace, blank lines, and a last line without a newline. It reads one record at a time, so a file of any
/// size is never held whole. Lines without a quote (nearly all of an exchange file) take a plain split; the rest
/// go through the quote-aware parser. A malformed record comes back with <see cref="CsvRecord.Error"/> set.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private int nextLine = 1;

    public CsvRecord? Read()
    {
        while (reader.ReadLine() is { } text)
        {
            var start = nextLine++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!text.Contains('"')) return new CsvRecord(start, SplitPlain(text), text, null);

            while (true)
            {
                var (fields, error, quoteOpen) = ParseQuoted(text);
                if (!quoteOpen) return new CsvRecord(start, fields, text, error);
                if (reader.ReadLine() is not { } continuation)
                    return new CsvRecord(start, fields, text, "unterminated quoted field: a '\"' opens a value that never closes");
                text += "\n" + continuation;
                nextLine++;
            }
        }
        return null;
    }

    private static string[] SplitPlain(string text)
    {
        var span = text.AsSpan();
        var fields = new string[span.Count(',') + 1];
        for (var i = 0; i < fields.Length; i++)
        {
            var comma = span.IndexOf(',');
            var value = comma < 0 ? span : span[..comma];
            fields[i] = value.Trim().ToString();
            if (comma >= 0) span = span[(comma + 1)..];
        }
        return fields;
    }

    private static (List<string> Fields, string? Error, bool QuoteOpen) ParseQuoted(string text)
    {
        var fields = new List<string>(8);
        var field = new StringBuilder();
        string? error = null;
        bool inQuotes = false, wasQuoted = false, afterClosingQuote = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else (inQuotes, afterClosingQuote) = (false, true);
            }
            else if (c == ',')
            {
                fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                field.Clear();
                (wasQuoted, afterClosingQuote) = (false, false);
            }
            else if (c == '"' && !wasQuoted && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                (inQuotes, wasQuoted) = (true, true);
            }
            else if (afterClosingQuote)
            {
                if (!char.IsWhiteSpace(c)) error ??= $"unexpected '{c}' after a closing quote: quote the whole value and double any quote inside it";
            }
            else field.Append(c);
        }
        fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
        return (fields, error, inQuotes);
    }
}
