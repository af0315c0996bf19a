using System.CommandLine;

namespace FlexPower.Web.Hosting;

/// <summary>
/// <c>FlexPower.Web migrate [--db file]</c>: creates the configured database or applies the migrations it lacks, and exits.
/// Every start does the same; this lets a deployment upgrade the schema once before it starts its instances.
/// </summary>
public static class MigrateCommand
{
    public static Command Create(Option<string?> database, Func<string?, CancellationToken, (ServiceProvider Services, Task<IReadOnlyList<string>> Prepared)> openCore, TextWriter output)
    {
        var migrate = new Command("migrate", "Creates the configured database, or applies the migrations it lacks, and exits. Exit code 0 when the schema is up to date.")
        {
            database,
        };
        migrate.SetAction(async (parsed, cancellationToken) =>
        {
            var applied = await openCore(parsed.GetValue(database), cancellationToken).Prepared;
            await output.WriteLineAsync(applied.Count == 0
                ? "The database schema is up to date; nothing to apply."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}. The database schema is up to date.");
            return 0;
        });
        return migrate;
    }
}
