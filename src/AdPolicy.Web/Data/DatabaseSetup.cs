namespace AdPolicy.Web.Data;

/// <summary>
/// Chooses the database before the host is built: ConnectionStrings:AdPolicy when set, else (Development only) the
/// app's own local cluster under the local data folder, started here (once, asynchronously) and written into the
/// configuration, so service registration only reads a connection string.
/// </summary>
public static class DatabaseSetup
{
    public const string ConnectionName = "AdPolicy";

    private const string DescriptionKey = "Database:Description";

    public static async Task UseConfiguredOrLocalDatabaseAsync(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName)))
        {
            configuration[DescriptionKey] ??= "the PostgreSQL server in ConnectionStrings:AdPolicy";
            return;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "No database is configured: set ConnectionStrings__AdPolicy to a PostgreSQL connection string (the local cluster is started only in Development).");
        }

        var folder = LocalData.Folder(configuration, builder.Environment);
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
        await cluster.EnsureDatabaseAsync("adpolicy");
        configuration[$"ConnectionStrings:{ConnectionName}"] = cluster.ConnectionString("adpolicy");
        configuration[DescriptionKey] = $"{(started ? "started" : "reused the running")} local PostgreSQL cluster in {dataDir} on 127.0.0.1:{port}";
    }

    public static (string ConnectionString, string Description) Resolve(IConfiguration configuration) =>
        (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException("No database is configured: set ConnectionStrings__AdPolicy to a PostgreSQL connection string."),
         configuration[DescriptionKey] ?? "the PostgreSQL server in ConnectionStrings:AdPolicy");
}

/// <summary>
/// Where the app keeps files when nothing more specific is configured: the file-system evidence store, the mail pickup
/// folder and, in Development, the local PostgreSQL cluster. <c>LocalData:Folder</c>, relative to the content root
/// (default <c>data</c>; Development's settings point at the repository's <c>.local</c>).
/// </summary>
public static class LocalData
{
    public static string Folder(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, configuration["LocalData:Folder"] is { Length: > 0 } folder ? folder : "data"));
}
