var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => "ok").AllowAnonymous();
app.Run();

public partial class Program;
