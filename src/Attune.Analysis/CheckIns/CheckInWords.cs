namespace Attune.Analysis.CheckIns;

/// <summary>
/// A person's check-ins as (local date, emotion word ids), the validated input of the granularity
/// measures. Dates are calendar dates already in the person's own time zone; ids are whatever
/// identifies a word (built-in or the person's own). Within one check-in each word counts once:
/// repeated ids are collapsed when it is added.
/// </summary>
/// <remarks>
/// Stored flat (one date per check-in, and one array of word ids cut by offsets) so that 36,500
/// check-ins cost three arrays, not 36,500 small ones. Build with <see cref="Builder"/>.
/// </remarks>
public sealed class CheckInWords
{
    private readonly DateOnly[] _dates;
    private readonly int[] _offsets;
    private readonly int[] _words;

    private CheckInWords(DateOnly[] dates, int[] offsets, int[] words, int count)
    {
        _dates = dates;
        _offsets = offsets;
        _words = words;
        Count = count;
    }

    /// <summary>Number of check-ins.</summary>
    public int Count { get; }

    /// <summary>Number of (check-in, word) pairs after collapsing repeats within a check-in.</summary>
    public int WordMentionCount => _offsets[Count];

    /// <summary>Local date of each check-in, in the order added.</summary>
    public ReadOnlySpan<DateOnly> Dates => _dates.AsSpan(0, Count);

    /// <summary>The distinct word ids of check-in <paramref name="index"/>, in ascending order.</summary>
    public ReadOnlySpan<int> WordsOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _words.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);
    }

    internal ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count + 1);

    internal ReadOnlySpan<int> Words => _words.AsSpan(0, WordMentionCount);

    /// <summary>Collects check-ins in any order; <see cref="Build"/> hands the arrays over without copying them.</summary>
    public sealed class Builder
    {
        private DateOnly[] _dates;
        private int[] _offsets;
        private int[] _words;
        private int _count;
        private bool _built;

        /// <summary>Starts an empty collection with room for <paramref name="checkInCapacity"/> check-ins and three words each.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative capacity.</exception>
        public Builder(int checkInCapacity = 16)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(checkInCapacity);
            _dates = new DateOnly[Math.Max(checkInCapacity, 1)];
            _offsets = new int[_dates.Length + 1];
            _words = new int[3 * _dates.Length];
        }

        /// <summary>Adds one check-in with its words (none is allowed: a check-in of the state only).</summary>
        /// <exception cref="InvalidOperationException">After <see cref="Build"/>.</exception>
        public Builder Add(DateOnly date, ReadOnlySpan<int> wordIds)
        {
            if (_built)
            {
                throw new InvalidOperationException("This builder has already built its check-ins.");
            }
            if (_count == _dates.Length)
            {
                Array.Resize(ref _dates, 2 * _dates.Length);
                Array.Resize(ref _offsets, _dates.Length + 1);
            }
            var start = _offsets[_count];
            if (start + wordIds.Length > _words.Length)
            {
                Array.Resize(ref _words, Math.Max(2 * _words.Length, start + wordIds.Length));
            }
            var segment = _words.AsSpan(start, wordIds.Length);
            wordIds.CopyTo(segment);
            SortSmall(segment);
            var distinct = 0;
            for (var i = 0; i < segment.Length; i++)
            {
                if (i == 0 || segment[i] != segment[distinct - 1])
                {
                    segment[distinct++] = segment[i];
                }
            }
            _dates[_count] = date;
            _count++;
            _offsets[_count] = start + distinct;
            return this;
        }

        /// <summary>Insertion sort for the usual one to five words, which is cheaper than the general sort's set-up.</summary>
        private static void SortSmall(Span<int> ids)
        {
            if (ids.Length > 16)
            {
                ids.Sort();
                return;
            }
            for (var i = 1; i < ids.Length; i++)
            {
                var id = ids[i];
                var j = i - 1;
                while (j >= 0 && ids[j] > id)
                {
                    ids[j + 1] = ids[j];
                    j--;
                }
                ids[j + 1] = id;
            }
        }

        /// <summary>The collected check-ins. The builder cannot be used afterwards.</summary>
        /// <exception cref="InvalidOperationException">Called a second time.</exception>
        public CheckInWords Build()
        {
            if (_built)
            {
                throw new InvalidOperationException("This builder has already built its check-ins.");
            }
            _built = true;
            return new CheckInWords(_dates, _offsets, _words, _count);
        }
    }
}
