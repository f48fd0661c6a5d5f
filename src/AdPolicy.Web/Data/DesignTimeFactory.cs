using Microsoft.EntityFrameworkCore.Design;

namespace AdPolicy.Web.Data;

/// <summary>
/// What <c>dotnet ef</c> uses to build the model, so it never starts the app (which, in Development, starts a local
/// PostgreSQL cluster). Commands that talk to a database take its connection string after <c>--</c>.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(AppDbContext.Options(args is [{ Length: > 0 } connectionString, ..] ? connectionString : "Host=localhost;Database=adpolicy"));
}
