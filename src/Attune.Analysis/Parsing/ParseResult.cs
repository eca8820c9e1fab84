using System.Diagnostics.CodeAnalysis;

namespace Attune.Analysis.Parsing;

/// <summary>Why an input could not be read.</summary>
/// <param name="Line">1-based line number of the offending line, or null when the problem is not
/// tied to one line (an empty file, a binary packet).</param>
/// <param name="Message">What was wrong, in words a user can act on.</param>
/// <remarks>Binary formats derive from it to name the field at fault (<see cref="EdfFieldError"/>).</remarks>
public record ParseError(int? Line, string Message)
{
    /// <summary>The message, prefixed by "line N: " when a line is known.</summary>
    public sealed override string ToString() => Line is int n ? $"line {n}: {Message}" : Message;
}

/// <summary>
/// Either a parsed value or the first error met. Parsers return this instead of throwing on bad
/// user input.
/// </summary>
/// <typeparam name="T">The parsed value's type.</typeparam>
public sealed class ParseResult<T> where T : class
{
    private ParseResult(T? value, ParseError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The parsed value; null exactly when <see cref="Error"/> is set.</summary>
    public T? Value { get; }

    /// <summary>The error; null exactly when <see cref="Value"/> is set.</summary>
    public ParseError? Error { get; }

    /// <summary>True when parsing succeeded and <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    /// <summary>A successful result.</summary>
    public static ParseResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    public static ParseResult<T> Failure(ParseError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A failed result tied to a line (1-based), or to no line when null.</summary>
    public static ParseResult<T> Failure(int? line, string message) => new(null, new ParseError(line, message));
}
