using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Practices;

/// <summary>Where a practice sits in the library: the state it is mostly for, or any state.</summary>
public enum PracticeGroup
{
    Activated,
    ShutDown,
    Connected,
    Any,
}

/// <summary>How much research stands behind a practice, said plainly.</summary>
public enum EvidenceStrength
{
    /// <summary>Several controlled trials or a meta-analysis of the practice itself (or a very close relative).</summary>
    Several,

    /// <summary>A few small or early studies.</summary>
    Some,

    /// <summary>Little direct evidence: it rests on related research, theory and clinical experience.</summary>
    Little,
}

/// <summary>One step of a practice; <see cref="Seconds"/> sets its timer, <see cref="Breathe"/> shows the pacer during it.</summary>
public sealed record PracticeStep(string Text, int? Seconds = null, bool Breathe = false);

/// <summary>A breathing rhythm in seconds per phase. Any phase but the in- and out-breath may be 0.</summary>
public sealed record BreathPattern(double Inhale, double HoldIn, double Exhale, double HoldOut)
{
    public double CycleSeconds => Inhale + HoldIn + Exhale + HoldOut;

    public double BreathsPerMinute => 60 / CycleSeconds;

    public bool HasHolds => HoldIn > 0 || HoldOut > 0;
}

/// <summary>Why a practice suits a state.</summary>
public sealed record StateFit(NervousState State, string Why);

/// <summary>A publication behind an evidence note, cited as author, year, title and where it appeared.</summary>
public sealed record PracticeReference(string Citation, string? Doi = null);

/// <summary>
/// A practice as every page and endpoint sees it: one of Attune's library (a short text id such as
/// "physiological-sigh") or one a person wrote (a GUID id, <see cref="OwnerId"/> set).
/// </summary>
public sealed record Practice(
    string Id,
    string Title,
    string Summary,
    PracticeGroup Group,
    int Minutes,
    IReadOnlyList<StateFit> Fits,
    IReadOnlyList<PracticeStep> Steps,
    EvidenceStrength? Strength,
    string? Evidence,
    IReadOnlyList<PracticeReference> References,
    IReadOnlyList<string> Cautions,
    BreathPattern? Breathing,
    Guid? OwnerId = null)
{
    public bool IsOwn => OwnerId is not null;

    public bool Suits(NervousState state) => Group == PracticeGroup.Any || Fits.Any(f => f.State == state);
}

public static class PracticeGroups
{
    public static IReadOnlyList<PracticeGroup> All { get; } = [PracticeGroup.Activated, PracticeGroup.ShutDown, PracticeGroup.Connected, PracticeGroup.Any];

    public static string Name(PracticeGroup group) => group switch
    {
        PracticeGroup.Activated => "activated",
        PracticeGroup.ShutDown => "shutDown",
        PracticeGroup.Connected => "connected",
        _ => "any",
    };

    public static PracticeGroup? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "activated" => PracticeGroup.Activated,
        "shutdown" or "shut-down" or "shut_down" => PracticeGroup.ShutDown,
        "connected" => PracticeGroup.Connected,
        "any" => PracticeGroup.Any,
        _ => null,
    };

    /// <summary>The library's section headings.</summary>
    public static string Heading(PracticeGroup group) => group switch
    {
        PracticeGroup.Activated => "When you feel activated",
        PracticeGroup.ShutDown => "When you feel shut down",
        PracticeGroup.Connected => "When you feel connected",
        _ => "For any state",
    };

    public static string Lead(PracticeGroup group) => group switch
    {
        PracticeGroup.Activated => "Revved up, worried or angry: ways to let the body slow down.",
        PracticeGroup.ShutDown => "Numb, foggy or far away: small, gentle ways back to energy and contact.",
        PracticeGroup.Connected => "Already settled: ways to widen and deepen it.",
        _ => "Practices that meet you wherever you are.",
    };

    public static PracticeGroup Of(NervousState state) => state switch
    {
        NervousState.Activated => PracticeGroup.Activated,
        NervousState.ShutDown => PracticeGroup.ShutDown,
        _ => PracticeGroup.Connected,
    };
}

public static class EvidenceStrengths
{
    public static string Name(EvidenceStrength strength) => strength switch
    {
        EvidenceStrength.Several => "several",
        EvidenceStrength.Some => "some",
        _ => "little",
    };

    /// <summary>What a person reads beside the evidence note.</summary>
    public static string Label(EvidenceStrength strength) => strength switch
    {
        EvidenceStrength.Several => "Several controlled studies",
        EvidenceStrength.Some => "Some early studies",
        _ => "Little direct evidence",
    };
}
