namespace Attune.Analysis.Measures;

/// <summary>
/// The SD and reliability behind each measure's reliable change index, each from a published sample. The full
/// provenance and the reasons for each choice are in docs/measures.md.
/// </summary>
public static class ReliableChangeNorms
{
    /// <summary>
    /// WHO-5, in raw points (0–25): test–retest ICC = 0.81 and a minimal detectable change (95 %) of 23.60 percentage
    /// points, from 554 outpatients who answered twice about three weeks apart (Schougaard et al. 2018). The SD is the
    /// one these two imply: SEM = MDC / (1.96·√2) = 8.514 percentage points = 2.129 raw points, SD = SEM / √(1 − ICC)
    /// = 4.883 raw points, so that 1.96·SEdiff equals the published MDC (5.9 raw points).
    /// Schougaard LMV, de Thurah A, Bech P, Hjollund NH, Christiansen DH (2018) Test-retest reliability and
    /// measurement error of the Danish WHO-5 Well-being Index in outpatients with epilepsy. Health and Quality of Life
    /// Outcomes 16:175. doi:10.1186/s12955-018-1001-0.
    /// </summary>
    public static ReliabilityFigures Who5 { get; } = FromMinimalDetectableChange(
        minimalDetectableChange: 23.60 / 4, reliability: 0.81,
        "Schougaard et al. 2018: test–retest ICC 0.81, MDC95 23.60 percentage points (5.90 raw); SD implied 4.88 raw points");

    /// <summary>
    /// PHQ-9: SD = 3.5 points in the German general population (n = 5,018; 3.5 for women and for men alike,
    /// Kocalevent, Hinz &amp; Brähler 2013) and Cronbach's α = 0.89 (Kroenke, Spitzer &amp; Williams 2001, primary care).
    /// Kocalevent RD, Hinz A, Brähler E (2013) Standardization of the depression screener Patient Health
    /// Questionnaire (PHQ-9) in the general population. General Hospital Psychiatry 35:551–555.
    /// </summary>
    public static ReliabilityFigures Phq9 { get; } = new(3.5, 0.89,
        "Kocalevent, Hinz & Brähler 2013: SD 3.5 (general population, n = 5,018); Kroenke, Spitzer & Williams 2001: α 0.89");

    /// <summary>
    /// GAD-7: α = 0.89 and the SD of the same German general-population sample (n = 5,030; Löwe et al. 2008). The
    /// paper's abstract gives the SD by sex (women 3.2 ± 3.5, men 2.7 ± 3.2, 53.6 % women); pooled with the
    /// between-group term, √(0.536·3.5² + 0.464·3.2² + 0.536·0.464·(3.2 − 2.7)²) = 3.373 points.
    /// Löwe B, Decker O, Müller S, Brähler E, Schellberg D, Herzog W, Herzberg PY (2008) Validation and standardization
    /// of the Generalized Anxiety Disorder Screener (GAD-7) in the general population. Medical Care 46:266–274.
    /// </summary>
    public static ReliabilityFigures Gad7 { get; } = new(
        Math.Sqrt((0.536 * 3.5 * 3.5) + (0.464 * 3.2 * 3.2) + (0.536 * 0.464 * 0.5 * 0.5)), 0.89,
        "Löwe et al. 2008: α 0.89; SD 3.37 pooled from the published SDs of women and men (general population, n = 5,030)");

    /// <summary>
    /// The figures for a measure, or null when no published SD and reliability could be verified (CSI-4: Funk &amp;
    /// Rogge 2007 report its reliability, but no SD of the four-item total that we could check; docs/measures.md).
    /// </summary>
    public static ReliabilityFigures? For(MeasureKind kind) => kind switch
    {
        MeasureKind.Who5 => Who5,
        MeasureKind.Phq9 => Phq9,
        MeasureKind.Gad7 => Gad7,
        _ => null,
    };

    /// <summary>
    /// Figures from a published 95 % minimal detectable change and its reliability: SEM = MDC / (1.96·√2) and
    /// SD = SEM / √(1 − r), which makes 1.96·SEdiff equal the MDC.
    /// </summary>
    internal static ReliabilityFigures FromMinimalDetectableChange(double minimalDetectableChange, double reliability, string source)
    {
        var sem = minimalDetectableChange / (ReliableChange.Criterion * Math.Sqrt(2));
        return new ReliabilityFigures(sem / Math.Sqrt(1 - reliability), reliability, source);
    }
}
