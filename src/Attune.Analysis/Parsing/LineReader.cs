using System.Buffers;

namespace Attune.Analysis.Parsing;

/// <summary>
/// Reads lines from a <see cref="TextReader"/> into a reusable buffer, handing out spans: no string
/// per line, linear in the input size. Accepts LF and CRLF line ends.
/// </summary>
internal sealed class LineReader(TextReader reader, IProgress<long>? progress)
{
    private const int ProgressEvery = 1 << 17;
    private const int MaxLineLength = 1 << 20;

    // Control characters other than tab/CR/LF, and U+FFFD (what a decoder makes of invalid UTF-8),
    // do not occur in a text export; finding one means the file is binary or mis-encoded.
    private static readonly SearchValues<char> NotText = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFD");

    private char[] _buffer = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Reads the next line; false at the end of input.</summary>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var nl = pending.IndexOf('\n');
            if (nl >= 0)
            {
                line = pending[..nl];
                _start += nl + 1;
                return Finish(ref line);
            }
            if (pending.Length >= MaxLineLength)
            {
                // No text export has lines this long; hand the chunk out so the caller reports it
                // (usually as binary) instead of buffering a whole binary file.
                line = pending[..MaxLineLength];
                _start += MaxLineLength;
                return Finish(ref line);
            }
            if (_eof)
            {
                if (pending.IsEmpty)
                {
                    line = default;
                    progress?.Report(LineNumber);
                    return false;
                }
                line = pending;
                _start = _end;
                return Finish(ref line);
            }
            Fill();
        }
    }

    /// <summary>True when the line holds characters that no text export contains.</summary>
    public static bool LooksBinary(ReadOnlySpan<char> line) => line.ContainsAny(NotText);

    private bool Finish(ref ReadOnlySpan<char> line)
    {
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }
        LineNumber++;
        if (LineNumber == 1 && !line.IsEmpty && line[0] == '\uFEFF')
        {
            line = line[1..];
        }
        if (progress is not null && LineNumber % ProgressEvery == 0)
        {
            progress.Report(LineNumber);
        }
        return true;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _eof = true;
        }
        else
        {
            _end += read;
        }
    }
}
