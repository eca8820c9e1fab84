using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// Once a minute, on the minute, sends the reminders that are due (<see cref="ReminderSender"/>). Runs on every node:
/// the sender's conditional update makes sure each reminder goes out once. Time comes from the app's
/// <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
public sealed class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendInBackground)
        {
            return;
        }
        try
        {
            // A second past the minute, so a 09:00 reminder goes at 09:00:01 and not up to a minute late.
            var now = clock.GetUtcNow();
            var toMinute = TimeSpan.FromTicks(TimeSpan.TicksPerMinute - now.Ticks % TimeSpan.TicksPerMinute) + TimeSpan.FromSeconds(1);
            await Task.Delay(toMinute, clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnceAsync(CancellationToken cancel)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sent = await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(cancel);
            if (sent > 0)
            {
                log.LogInformation("Sent {Count} check-in reminders", sent);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database hiccup must not end reminders for good: the next minute tries again.
            log.LogError(e, "Sending check-in reminders failed");
        }
    }
}
