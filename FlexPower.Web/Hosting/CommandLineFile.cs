using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Import;

namespace FlexPower.Web.Hosting;

/// <summary>The file an import verb is given: an existing file, not a folder, with a name the ledger can record.</summary>
public static class CommandLineFile
{
    /// <summary>Whoever runs a verb on the server: a manager of the whole desk, recorded as cli:&lt;OS user&gt;.</summary>
    public static Caller Operator => new($"cli:{Environment.UserName}", true, null);

    /// <summary>The name the import is recorded under, or the error line and exit code (2 a bad argument, 1 nothing to read).</summary>
    public static (string? Name, string? Error, int ExitCode) Check(FileInfo file)
    {
        string name;
        try
        {
            name = ImportFileName.Of(file.Name, "The file's name");
        }
        catch (ValidationFailedException e)
        {
            return (null, $"{e.Message} Rename the file.", 2);
        }
        var shown = Echo.Printable(file.FullName);
        if (Directory.Exists(file.FullName)) return (null, $"{shown} is a directory, not a file: give the path of a CSV file.", 1);
        if (!file.Exists) return (null, $"{shown} does not exist.", 1);
        return (name, null, 0);
    }
}
