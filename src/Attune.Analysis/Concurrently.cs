using System.Runtime.ExceptionServices;

namespace Attune.Analysis;

/// <summary>Runs independent parts of one analysis side by side, or one after another.</summary>
public static class Concurrently
{
    /// <summary>
    /// Runs every action, in parallel when <paramref name="parallel"/> (and the machine has more than one core), otherwise
    /// in the order given. A part that throws surfaces as its own exception, not wrapped in an
    /// <see cref="AggregateException"/>, so callers see the same exception either way.
    /// </summary>
    public static void Invoke(bool parallel, params Action[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (!parallel || Environment.ProcessorCount < 2 || actions.Length < 2)
        {
            foreach (var action in actions)
            {
                action();
            }
            return;
        }
        try
        {
            Parallel.Invoke(actions);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
