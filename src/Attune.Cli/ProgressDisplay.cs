using Spectre.Console;

namespace Attune.Cli;

/// <summary>Receives what a command is doing, for a progress bar.</summary>
internal interface IProgressSink
{
    /// <summary>A progress callback for reading <paramref name="stream"/> (null when nothing is shown).</summary>
    IProgress<long>? ForFile(string label, Stream stream);

    /// <summary>Starts a stage of unknown length (shown with a spinner).</summary>
    void Stage(string label);
}

/// <summary>
/// A Spectre.Console progress bar on standard error, shown only on a terminal (never when output is
/// redirected) and only when the inputs are long enough to make a person wait.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Inputs smaller than this together are read too fast to deserve a bar.</summary>
    public const long MinimumBytes = 512L << 10;

    public static T Run<T>(CliContext context, long inputBytes, Func<IProgressSink, T> body)
    {
        if (!context.Interactive || inputBytes < MinimumBytes)
        {
            return body(NullSink.Instance);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Err) });
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx => body(new SpectreSink(ctx)));
    }

    private sealed class NullSink : IProgressSink
    {
        public static readonly NullSink Instance = new();

        public IProgress<long>? ForFile(string label, Stream stream) => null;

        public void Stage(string label)
        {
        }
    }

    private sealed class SpectreSink(ProgressContext context) : IProgressSink
    {
        private ProgressTask? _current;

        public IProgress<long>? ForFile(string label, Stream stream)
        {
            Finish();
            var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, stream.Length));
            _current = task;
            // Lines read are reported by the parser; the stream position says how far through the file that is.
            return new Callback(() => task.Value = Math.Min(stream.Position, task.MaxValue));
        }

        public void Stage(string label)
        {
            Finish();
            var task = context.AddTask(Markup.Escape(label), maxValue: 1);
            task.IsIndeterminate = true;
            _current = task;
        }

        private void Finish()
        {
            if (_current is { } task)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }

    private sealed class Callback(Action report) : IProgress<long>
    {
        public void Report(long value) => report();
    }
}
