using AdPolicy.Web;
using AdPolicy.Web.Data;

var builder = WebApplication.CreateBuilder(args);
await builder.UseConfiguredOrLocalDatabaseAsync(); // Development's own PostgreSQL starts here, before any registration
builder.AddAdPolicy();                             // Startup.cs: the platform, then one line per feature
var app = builder.Build();
await app.PrepareAsync();                          // settings checked, database migrated, demo data seeded
app.UseAdPolicyPipeline();                         // Startup.cs: the request pipeline, in order
await app.RunAsync();

public partial class Program;
