using Attune.Web.Features.CheckIns.Reminders;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Together;

/// <summary>
/// Every half minute, tells both partners when a break's time to come back has come (<see cref="Breaks.SendReturnRemindersAsync"/>).
/// Runs on every node; the claim in the sender makes each reminder go out once. Off when pushes in the background are
/// (<see cref="ReminderOptions.SendInBackground"/>), as in tests that run the sender themselves.
/// </summary>
public sealed class BreakReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<BreakReminderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendInBackground)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<Breaks>().SendReturnRemindersAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database hiccup must not end these reminders for good: the next tick tries again.
                    log.LogError(e, "Sending the reminders to come back from a break failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
