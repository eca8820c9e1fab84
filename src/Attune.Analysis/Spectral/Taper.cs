namespace Attune.Analysis.Spectral;

/// <summary>Taper applied to a short analysis window before its FFT.</summary>
public enum Taper
{
    /// <summary>No taper (rectangular window): narrowest main lobe (±1/T), highest side lobes.</summary>
    Rectangular,

    /// <summary>Periodic Hann window: main lobe ±2/T, side lobes −31 dB.</summary>
    Hann,
}
