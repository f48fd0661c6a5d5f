namespace AdPolicy.Web.Data;

/// <summary>Chooses the database: ConnectionStrings:AdPolicy when set, else (Development only) the repo's own local cluster.</summary>
public static class DatabaseSetup
{
    public const string ConnectionName = "AdPolicy";

    public static (string ConnectionString, string Description) Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, "the PostgreSQL server in ConnectionStrings:AdPolicy");
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "No database is configured: set ConnectionStrings__AdPolicy to a PostgreSQL connection string (the local cluster is started only in Development).");
        }

        var folder = configuration["LocalPostgres:Folder"] is { Length: > 0 } f
            ? Path.GetFullPath(f)
            : Path.Combine(RepositoryRoot(environment.ContentRootPath), ".local");
        var dataDir = Path.Combine(folder, "postgres");
        Directory.CreateDirectory(folder);
        if (!PostgresCluster.ServerUserCanReach(folder))
        {
            // As root the server runs as 'postgres', which cannot enter a repo under a private home folder.
            folder = Path.Combine(Path.GetTempPath(), "adpolicy-local-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(folder)))[..12]);
            Directory.CreateDirectory(folder);
            dataDir = Path.Combine(folder, "postgres");
        }

        var port = configuration.GetValue("LocalPostgres:Port", 54329);
        var (cluster, started) = PostgresCluster.EnsureRunning(dataDir, port, Path.Combine(folder, "postgres.log"));
        cluster.EnsureDatabaseAsync("adpolicy").GetAwaiter().GetResult();
        var how = started ? "started" : "reused the running";
        return (cluster.ConnectionString("adpolicy"), $"{how} local PostgreSQL cluster in {dataDir} on 127.0.0.1:{port}");
    }

    /// <summary>The folder holding AdPolicy.sln above <paramref name="start"/>, or <paramref name="start"/> itself.</summary>
    public static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdPolicy.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}
