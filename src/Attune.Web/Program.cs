var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
var app = builder.Build();
app.UseStaticFiles();
app.MapRazorPages();
app.MapGet("/healthz", () => "ok");
app.Run();
public partial class Program;

