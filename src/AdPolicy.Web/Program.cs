using AdPolicy.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddAdPolicy();
var app = builder.Build();
await app.UseAdPolicyAsync();
await app.RunAsync();

public partial class Program;
