using System.Globalization;
using System.Text;

namespace Attune.Bench;

/// <summary>
/// Writes a synthetic raw ECG CSV (header <c>ecg</c>, one sample per line, six decimals) for whole-process
/// measurements of <c>attune ecg</c>: a baseline wave, small noise and a Gaussian QRS every 0.7–1.0 s, as
/// <see cref="InputsBenchmarks"/> generates in memory. 24 h at 250 Hz is 21.6 million lines, about 208 MB.
/// Run: dotnet run -c Release --project bench/Attune.Bench -- ecg-file PATH [hours] [rateHz]
/// </summary>
internal static class EcgFile
{
    public static void Run(string[] args)
    {
        var path = args[0];
        var hours = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 24;
        var fs = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 250;
        var n = (int)(hours * 3600 * fs);
        var x = new double[n];
        var random = new Random(1);
        for (var i = 0; i < n; i++)
        {
            x[i] = 0.3 * Math.Sin(2 * Math.PI * 0.2 * i / fs) + 0.01 * (random.NextDouble() - 0.5);
        }
        var width = fs / 25.0;
        for (var beat = 0.5; beat < n / fs - 1; beat += 0.7 + 0.3 * random.NextDouble())
        {
            var c = (int)(beat * fs);
            var reach = (int)Math.Ceiling(3 * width);
            for (var k = -reach; k <= reach; k++)
            {
                x[c + k] += Math.Exp(-0.5 * k * k / (width * width));
            }
        }
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("ecg\n");
        Span<char> buffer = stackalloc char[32];
        for (var i = 0; i < n; i++)
        {
            x[i].TryFormat(buffer, out var written, "0.######", CultureInfo.InvariantCulture);
            writer.Write(buffer[..written]);
            writer.Write('\n');
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n:N0} samples at {fs} Hz written to {path} ({new FileInfo(path).Length / 1e6:0.#} MB after flush)."));
    }
}
