using Attune.Bench;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "scaling")
{
    HrvScaling.Run(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "ecg-steps")
{
    EcgSteps.Run();
    return;
}
if (args.Length > 0 && args[0] == "ecg-file")
{
    EcgFile.Run(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "live-cpu")
{
    LiveCpu.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
