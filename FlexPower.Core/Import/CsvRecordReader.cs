using System.Text;

namespace FlexPower.Core.Import;

/// <summary>One CSV record: its fields (surrounding whitespace trimmed), the physical line it starts on, and its raw text.</summary>
public readonly record struct CsvRecord(int Line, IReadOnlyList<string> Fields, string Raw, string? Error);

/// <summary>
/// A streaming RFC 4180 reader: quoted fields (with "" escapes and line breaks inside), LF or CRLF, surrounding
/// whitespace, and a last line without a newline. It reads one record at a time, so a file of any size is never held whole.
/// A malformed record (text after a closing quote, an unterminated quote) comes back with <see cref="CsvRecord.Error"/> set.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder field = new();
    private readonly StringBuilder raw = new();
    private int line = 1;

    public long CharactersRead { get; private set; }

    public CsvRecord? Read()
    {
        while (true)
        {
            var record = ReadOne();
            if (record is null) return null;
            // Blank lines (including the usual trailing one) are not records.
            if (record.Value.Error is null && record.Value.Fields.Count == 1 && record.Value.Fields[0].Length == 0 && record.Value.Raw.Trim().Length == 0) continue;
            return record;
        }
    }

    private CsvRecord? ReadOne()
    {
        var start = line;
        var fields = new List<string>(8);
        field.Clear();
        raw.Clear();
        string? error = null;
        var inQuotes = false;
        var wasQuoted = false;
        var afterClosingQuote = false;
        var any = false;

        while (true)
        {
            var next = reader.Read();
            if (next < 0)
            {
                if (!any) return null;
                if (inQuotes) error = "unterminated quoted field: a '\"' opens a value that never closes";
                fields.Add(Finish(wasQuoted));
                return new CsvRecord(start, fields, raw.ToString(), error);
            }
            any = true;
            CharactersRead++;
            var c = (char)next;

            if (inQuotes)
            {
                if (c == '\n') line++;
                raw.Append(c);
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); CharactersRead++; raw.Append('"'); field.Append('"'); }
                    else { inQuotes = false; afterClosingQuote = true; }
                }
                else field.Append(c);
                continue;
            }

            if (c == '\r' && reader.Peek() == '\n') continue; // CRLF: the LF ends the record
            if (c is '\n' or '\r')
            {
                line++;
                fields.Add(Finish(wasQuoted));
                return new CsvRecord(start, fields, raw.ToString(), error);
            }
            raw.Append(c);
            if (c == ',')
            {
                fields.Add(Finish(wasQuoted));
                (wasQuoted, afterClosingQuote) = (false, false);
            }
            else if (c == '"' && !wasQuoted && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                (inQuotes, wasQuoted) = (true, true);
            }
            else if (afterClosingQuote && !char.IsWhiteSpace(c))
            {
                error ??= $"unexpected '{c}' after a closing quote: quote the whole value and double any quote inside it";
            }
            else if (!afterClosingQuote) field.Append(c);
        }
    }

    private string Finish(bool quoted)
    {
        var value = quoted ? field.ToString() : field.ToString().Trim();
        field.Clear();
        return value;
    }
}
