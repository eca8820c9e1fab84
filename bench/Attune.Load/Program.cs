using Attune.Load;

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

using var client = Load.CreateClient(options);
var result = options.Mode == Mode.Closed
    ? await Load.ClosedLoopAsync(client, options)
    : await Load.OpenLoopAsync(client, options);
Console.WriteLine(result.Describe(options));
Console.WriteLine(result.MachineLine(options));
return result.Ok == 0 ? 1 : 0;
