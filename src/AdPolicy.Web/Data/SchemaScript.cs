using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Data;

/// <summary>
/// Prints the DDL EF Core would write for the current model (<c>dotnet run --project src/AdPolicy.Web -- schema-script</c>):
/// the starting point for a new migration file, since the EF design-time tools are not available here.
/// </summary>
public static class SchemaScript
{
    public static string Generate()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=localhost").Options;
        using var db = new AppDbContext(options);
        return db.Database.GenerateCreateScript();
    }
}
