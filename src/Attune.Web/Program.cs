using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Admin;
using Attune.Web.Features.Audit;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.CheckIns.Insights;
using Attune.Web.Features.CheckIns.Reminders;
using Attune.Web.Features.Demo;
using Attune.Web.Features.Export;
using Attune.Web.Features.Health;
using Attune.Web.Features.Integration;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Therapists;
using Attune.Web.Features.Together;
using Attune.Web.Features.Together.Live;
using Attune.Web.Infrastructure;

StartupFailure.PrintInsteadOfStackTrace();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Choose(args) });

// Zero configuration: http://localhost:5080 and ./data unless told otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"])
    && string.IsNullOrEmpty(builder.Configuration["URLS"]) && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Services.AddOptions<AttuneOptions>().BindConfiguration(AttuneOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();

builder.AddAttunePublicAddress();
builder.Logging.AddAttuneLogFilters();

var dataDirectory = builder.Configuration.GetSection(AttuneOptions.Section).Get<AttuneOptions>()?.ResolveDataDirectory()
    ?? new AttuneOptions().ResolveDataDirectory();
StartupFailure.CreateDataDirectory(dataDirectory);
builder.AddAttuneScaleOut(dataDirectory);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAttuneDatabase(builder.Configuration);
builder.Services.AddAttuneAccounts(builder.Configuration);
builder.Services.AddAttuneRateLimits(builder.Configuration);
builder.Services.AddAttuneErrors();
builder.Services.AddSingleton<Instance>();
builder.Services.AddScoped<Administration>();
builder.Services.AddScoped<Access>();
builder.Services.AddScoped<Grants>();
builder.Services.AddScoped<CheckIns>();
builder.Services.AddSingleton<CheckInWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CheckInWriter>());
builder.Services.AddScoped<OwnWords>();
builder.Services.AddScoped<CheckInTransfer>();
builder.Services.AddAttuneExport();
builder.Services.AddScoped<Demos>();
builder.Services.AddAttunePractices();
builder.Services.AddHostedService<DemoCleanup>();
builder.Services.AddAttuneReminders();
builder.Services.AddAttuneTogether();
builder.Services.AddAttuneLive(builder.Configuration);
builder.Services.AddAttuneMeasures();
builder.Services.AddAttuneTherapists();
builder.Services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.Section);
builder.Services.AddOptions<RecordingLimits>().BindConfiguration(RecordingLimits.Section);
builder.Services.AddSingleton<AnalysisQueue>();
builder.Services.AddSingleton<RecordingAnalyses>();
builder.Services.AddSingleton<AnalysisJobs>();
builder.Services.AddHostedService<AnalysisSweeper>();
builder.Services.AddSingleton<DatabaseHealth>();
builder.Services.AddValidation();
builder.Services.AddAttuneOpenApi();
builder.Services.AddAttuneResponseCompression();
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToFolder("/Accounts/SignIn");
    o.Conventions.AllowAnonymousToFolder("/Help");
    o.Conventions.AllowAnonymousToFolder("/Errors");
    o.Conventions.AllowAnonymousToFolder("/Dev");
    o.Conventions.AllowAnonymousToFolder("/Demo");
    // Reviewed against the rule of docs/decisions/0008-precompressed-analysis-and-breach.md; every other page goes out uncompressed.
    o.Conventions.CompressResponses("/Home/Index", "/Help/Crisis", "/Insights/Index", "/Recordings/Pages/Detail");
});
builder.Services.AddAttuneTrustedProxies(builder.Configuration);
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});
builder.WebHost.ConfigureKestrel(o =>
{
    o.AddServerHeader = false;
    o.Limits.MaxRequestBodySize = RequestLimits.DefaultMaxBodyBytes;
    o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
});

// Last, because several Add* calls above register the warm-up again, and antiforgery.
builder.Services.RemoveKeyRingWarmUp();
builder.Services.TrackAntiforgeryTokens();

var app = builder.Build();

app.CheckOptions();
await app.InitializeDatabaseAsync();
if (AdminCommands.IsAdminCommand(args))
{
    Environment.ExitCode = await AdminCommands.RunAsync(app, args[1..], Console.Out);
    return;
}
await app.LogStartupReportAsync();

app.UseForwardedHeaders();
app.UseAttuneErrors();
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
{
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseNodeHeader();
app.UseResponseCompression();
app.UseRouting();
app.UseDeclaredBodyLimit();
app.UseSameOriginHubs();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

// Fingerprinted, precompressed at build (gzip; Brotli too when published) and cached for a year; the plain names stay
// reachable with an ETag for the service worker, the offline page and anything else that cannot know the fingerprint.
app.MapStaticAssets().AllowAnonymous();
app.MapHealth();
app.MapOpenApi().AllowAnonymous();
app.MapAccountsApi();
app.MapRecordingsApi();
app.MapSharingApi();
app.MapCheckInsApi();
app.MapTogetherApi();
app.MapReminders();
app.MapInsightsApi();
app.MapAuditApi();
app.MapAdminApi();
app.MapMeasuresApi();
app.MapIntegrationApi();
app.MapPracticesApi();
app.MapExportApi();
app.MapTogetherHub();
app.MapTherapistApi();
app.MapRazorPages().WithStaticAssets();
app.MapNotFound();

app.Run();

public partial class Program;
