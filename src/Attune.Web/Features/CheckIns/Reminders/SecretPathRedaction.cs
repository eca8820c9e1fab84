using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// Keeps calendar-feed secrets out of every log. The secret is in the address (calendar apps cannot send
/// headers), and ASP.NET Core writes addresses into its logs: "Request starting GET …/calendar/SECRET.ics" at
/// Information, in request scopes and in error reports. The hosting log is written before any middleware runs, so a
/// middleware cannot hide it; instead every logger the app creates goes through one that rewrites
/// <c>/calendar/…</c> to <c>/calendar/[secret]</c> in the message and its structured values.
/// </summary>
public static partial class SecretPathRedaction
{
    public const string Replacement = CalendarFeed.PathPrefix + "[secret]";

    /// <summary>Wraps the app's <see cref="ILoggerFactory"/>; call after logging is set up (WebApplication.CreateBuilder does).</summary>
    public static IServiceCollection AddSecretPathRedaction(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new Factory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));

    public static string Redact(string text) =>
        text.Contains(Bare, StringComparison.OrdinalIgnoreCase) ? SecretPath().Replace(text, Replacement) : text;

    /// <summary>
    /// The prefix without its leading slash: routing logs a catch-all route's value ("calendar/SECRET.ics", e.g. when
    /// a constraint rejects it), which has none.
    /// </summary>
    private const string Bare = "calendar/";

    [GeneratedRegex(@"/?calendar/[^/?#\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPath();

    private static bool Mentions(object? value) =>
        value?.ToString() is { } text && text.Contains(Bare, StringComparison.OrdinalIgnoreCase);

    private sealed class Factory(LoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            state is IReadOnlyList<KeyValuePair<string, object?>> values && values.Any(v => Mentions(v.Value))
                ? inner.BeginScope(new Redacted(values, Redact(state.ToString() ?? "")))
                : inner.BeginScope(state);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }
            // Structured messages are made of their values, so checking those spares formatting every message twice.
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var mentioned = values is { Count: > 0 } ? values.Any(v => Mentions(v.Value)) : Mentions(formatter(state, exception));
            if (!mentioned && !Mentions(exception?.Message))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            inner.Log(logLevel, eventId, new Redacted(values ?? [], Redact(formatter(state, exception))),
                exception is null ? null : new RedactedException(exception), static (s, _) => s.ToString());
        }
    }

    /// <summary>Structured values with secrets rewritten, formatting as the rewritten message.</summary>
    private sealed class Redacted(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _values =
            [.. values.Select(v => Mentions(v.Value) ? new KeyValuePair<string, object?>(v.Key, Redact(v.Value!.ToString()!)) : v)];

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public int Count => _values.Length;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    /// <summary>An exception whose message and stack text went through <see cref="Redact"/>.</summary>
    private sealed class RedactedException(Exception original) : Exception(Redact(original.Message))
    {
        public override string? StackTrace => original.StackTrace;

        public override string ToString() => Redact(original.ToString());
    }
}
