using System.Diagnostics;

namespace FlexPower.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's postgresql package, started once for the test run on a free loopback
/// port and removed when the run ends. initdb refuses to run as root, so as root it runs as the Debian 'postgres' user.
/// When the server binaries are missing the PostgreSQL tests are skipped with the reason — unless
/// FLEXPOWER_REQUIRE_POSTGRES=1 (set by .ci/run), which makes them fail instead.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Cluster?> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => Shared.Value is null ? BinariesMissing : null;

    public static string AdminConnectionString => Shared.Value?.ConnectionString("postgres") ?? throw new InvalidOperationException(BinariesMissing);

    /// <summary>A connection string to a new, empty database of this cluster.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return Shared.Value!.ConnectionString(name);
    }

    public static async Task DropDatabaseAsync(string name)
    {
        if (Shared.Value is null) return;
        Npgsql.NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Moves a database nobody is connected to onto a tablespace of its own at <paramref name="location"/> (an empty folder the server may write).</summary>
    public static async Task MoveToTablespaceAsync(string database, string tablespace, string location)
    {
        await AdminAsync($"CREATE TABLESPACE \"{tablespace}\" LOCATION '{location}'");
        await AdminAsync($"ALTER DATABASE \"{database}\" SET TABLESPACE \"{tablespace}\"");
    }

    public static Task DropTablespaceAsync(string tablespace) => AdminAsync($"DROP TABLESPACE IF EXISTS \"{tablespace}\"");

    private static Task AdminAsync(string sql) => ExecuteAsync("postgres", sql);

    /// <summary>Runs a statement as the superuser in one of the cluster's databases.</summary>
    public static async Task ExecuteAsync(string database, string sql)
    {
        await using var session = await ConnectAsync(database);
        await ExecuteAsync(session, sql);
    }

    /// <summary>An open superuser session in one of the cluster's databases, for a test that needs it before the server would refuse a new one.</summary>
    public static async Task<Npgsql.NpgsqlConnection> ConnectAsync(string database)
    {
        var cluster = Shared.Value ?? throw new InvalidOperationException(BinariesMissing);
        var session = new Npgsql.NpgsqlConnection(cluster.ConnectionString(database));
        await session.OpenAsync();
        return session;
    }

    public static async Task ExecuteAsync(Npgsql.NpgsqlConnection session, string sql)
    {
        await using var command = session.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string BinariesMissing =>
        "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are not installed: 'apt-get install -y postgresql' to run the PostgreSQL tests.";

    private static Cluster? Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            if (Environment.GetEnvironmentVariable("FLEXPOWER_REQUIRE_POSTGRES") == "1") throw new InvalidOperationException(BinariesMissing);
            return null;
        }
        var root = Path.Combine(Path.GetTempPath(), $"flexpower-pg-{Guid.NewGuid():N}");
        var (data, sockets) = (Path.Combine(root, "data"), Path.Combine(root, "run"));
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(sockets);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", ["-R", "postgres:postgres", root]);
        var port = Ports.Free();
        As(asRoot, Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        // A test server: durability off for speed; it is deleted at the end of the run anyway.
        As(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -l {root}/log -w -o \"-k {sockets} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300\" start");
        var cluster = new Cluster(bin, root, data, port, asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    private static void As(bool asRoot, string program, string arguments)
    {
        if (asRoot) Run("su", ["postgres", "-s", "/bin/bash", "-c", $"{program} {arguments}"]);
        else Run("/bin/bash", ["-c", $"{program} {arguments}"]);
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The server keeps the machine's clock when the tests run under faketime (libfaketime, loaded by LD_PRELOAD, cannot
        // open the test process's shared clock as the postgres user); the app's clock is what the tests set.
        foreach (var variable in start.Environment.Keys.Where(k => k == "LD_PRELOAD" || k.StartsWith("FAKETIME", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(variable);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
    }

    private sealed record Cluster(string Bin, string Root, string Data, int Port, bool AsRoot)
    {
        public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=50";

        public void Stop()
        {
            try { As(AsRoot, Path.Combine(Bin, "pg_ctl"), $"-D {Data} -m immediate stop"); } catch (InvalidOperationException) { }
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        }
    }
}
