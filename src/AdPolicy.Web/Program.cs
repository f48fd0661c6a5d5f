using AdPolicy.Web;
using AdPolicy.Web.Data;

if (args is ["schema-script", ..])
{
    Console.WriteLine(SchemaScript.Generate());
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAdPolicy();
var app = builder.Build();
await app.UseAdPolicyAsync();
await app.RunAsync();

public partial class Program;
