namespace Attune.Web.Features.Measures;

/// <summary>
/// A filled-in measure: <c>answers</c> in item order (WHO-5: 5 answers 0–5; PHQ-9: 9 answers 0–3; GAD-7: 7 answers 0–3;
/// CSI-4: 4 answers, the first 0–6, the others 0–5). <c>idempotencyKey</c>: a second submission with the same key is
/// refused with 409 and nothing is stored.
/// </summary>
public sealed record MeasureRequest(int[]? Answers, string? IdempotencyKey = null);

/// <summary>
/// The change from the same person's previous response to this measure, by the Jacobson–Truax reliable change index.
/// <c>direction</c>: improved | worsened | none (within measurement noise).
/// </summary>
public sealed record ReliableChangeDto(Guid SinceId, int Change, double Index, double Threshold, string Direction);

/// <summary>
/// One scored response. <c>total</c> and <c>severity</c> (the published band: e.g. minimal | mild | moderate |
/// moderatelySevere | severe for PHQ-9) are computed by the server; <c>percentage</c> is WHO-5's 0–100 score;
/// <c>safetyScreen</c> is true when PHQ-9 item 9 is above 0, and then the safety screen with crisis resources is shown.
/// <c>reliableChange</c> is null for a first response and for CSI-4, whose published figures do not allow it.
/// </summary>
public sealed record MeasureResultDto(
    Guid Id,
    string Kind,
    DateTime TakenAt,
    int[] Answers,
    int Total,
    int MaxTotal,
    int? Percentage,
    string Severity,
    bool SafetyScreen,
    ReliableChangeDto? ReliableChange,
    Guid OwnerId,
    string? SharedBy = null);
