using System.Globalization;
using System.Text;
using Attune.Analysis.Parsing;
using BenchmarkDotNet.Attributes;
using csFastFloat;
using nietras.SeparatedValues;

namespace Attune.Bench;

/// <summary>
/// Parsing 2 hours of single-column ECG CSV at 250 Hz (1.8 million lines, about 17 MB, the same text as
/// <see cref="EcgFile"/> writes): the general TextReader parser (before), the byte-level stream parser
/// (after), and the two libraries issue 9 suggested, Sep reading the column and csFastFloat converting it.
/// </summary>
[MemoryDiagnoser]
public class EcgParseBenchmarks
{
    private byte[] _csv = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var text = new StringBuilder("ecg\n");
        for (var i = 0; i < 2 * 3600 * 250; i++)
        {
            var v = 0.3 * Math.Sin(2 * Math.PI * 0.2 * i / 250) + 0.01 * (random.NextDouble() - 0.5) + (i % 200 < 5 ? 1 : 0);
            text.Append(v.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        }
        _csv = Encoding.UTF8.GetBytes(text.ToString());
    }

    [Benchmark(Baseline = true)]
    public int TextReaderParser()
    {
        using var reader = new StreamReader(new MemoryStream(_csv), Encoding.UTF8, true, 1 << 16);
        return EcgCsvParser.Parse(reader, 250).Value!.Count;
    }

    [Benchmark]
    public int StreamParser() => EcgCsvParser.Parse(new MemoryStream(_csv), 250).Value!.Count;

    [Benchmark]
    public int SepWithCsFastFloat()
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true }).From(new MemoryStream(_csv));
        var values = new List<float>(1 << 20);
        foreach (var row in reader)
        {
            values.Add((float)FastDoubleParser.ParseDouble(row[0].Span));
        }
        return values.Count;
    }

    [Benchmark]
    public int SepParse()
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true }).From(new MemoryStream(_csv));
        var values = new List<float>(1 << 20);
        foreach (var row in reader)
        {
            values.Add((float)row[0].Parse<double>());
        }
        return values.Count;
    }
}
