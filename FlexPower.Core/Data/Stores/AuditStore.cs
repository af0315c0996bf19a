using System.Data.Common;
using FlexPower.Core.Audit;
using A = FlexPower.Core.Data.Configurations.AuditEntryConfiguration;

namespace FlexPower.Core.Data.Stores;

/// <summary>
/// An audit entry written by plain SQL inside a transaction that is not an EF context's (a trade file's writer, a price
/// file's last part), so it commits with the import it describes. Values take the forms the EF mapping stores.
/// </summary>
internal static class AuditStore
{
    private static readonly string Insert =
        $"INSERT INTO {A.Table} ({A.AtUtc}, {A.UserName}, {A.Address}, {A.Kind}, {A.Subject}, \"{A.Before}\", \"{A.After}\") " +
        "VALUES (@at, @user, @address, @kind, @subject, @before, @after)";

    public static async Task AddAsync(DbTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        foreach (var (name, value) in new (string, object?)[]
                 {
                     ("@at", StoredInstant.Of(connection, entry.AtUtc)), ("@user", entry.UserName), ("@address", entry.Address), ("@kind", entry.Kind),
                     ("@subject", entry.Subject), ("@before", entry.Before), ("@after", entry.After),
                 })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
