namespace Attune.Analysis.Practices;

/// <summary>
/// What is assumed before there is data (or when too few people have data for their pooled figures to be
/// used): the prior of <see cref="EmpiricalBayesEffect"/>. Units are points of the toward-connected scale
/// (a session's effect lies in −20 … +20). Defaults and their reasons are in docs/numerics/practices.md.
/// </summary>
/// <param name="Mean">μ₀, the effect expected of a practice nobody has tried: 0, no change.</param>
/// <param name="MeanWeight">m₀, how many sessions μ₀ counts as when pooled with everyone's sessions.</param>
/// <param name="WithinVariance">σ₀², session-to-session variance of one person's effects (SD 3 points).</param>
/// <param name="WithinWeight">ν₀, how many degrees of freedom σ₀² counts as.</param>
/// <param name="BetweenVariance">τ₀², variance of true effects between people (SD 2 points), used while fewer than <paramref name="MinPeople"/> people have data.</param>
/// <param name="MinBetweenVariance">τ²'s floor once it is estimated, so a person's own data always counts.</param>
/// <param name="MinPeople">People needed before their pooled mean and spread are used at all (also a small-count privacy threshold).</param>
public sealed record EffectPrior(
    double Mean = 0,
    double MeanWeight = 5,
    double WithinVariance = 9,
    double WithinWeight = 4,
    double BetweenVariance = 4,
    double MinBetweenVariance = 0.25,
    int MinPeople = 5)
{
    /// <summary>The defaults above.</summary>
    public static EffectPrior Default { get; } = new();

    internal void Validate()
    {
        if (!double.IsFinite(Mean) || !(MeanWeight >= 0) || !(WithinVariance > 0) || !(WithinWeight > 0)
            || !(BetweenVariance > 0) || !(MinBetweenVariance > 0) || MinPeople < 2)
        {
            throw new ArgumentException("Prior weights and variances must be positive (MeanWeight may be 0) and MinPeople at least 2.", "prior");
        }
    }
}

/// <summary>The population level of the model: what works for everyone, and how much people differ.</summary>
/// <param name="Mean">μ, the all-people mean effect, points.</param>
/// <param name="WithinVariance">σ², pooled session-to-session variance within a person, points².</param>
/// <param name="BetweenVariance">τ², variance of true effects between people, points².</param>
/// <param name="People">k, people with at least one session.</param>
/// <param name="Sessions">N, all their sessions.</param>
/// <param name="FromPrior">True when k &lt; <see cref="EffectPrior.MinPeople"/>: μ, σ² and τ² are the prior's.</param>
/// <param name="Prior">The prior these came from.</param>
public sealed record PopulationEffect(
    double Mean, double WithinVariance, double BetweenVariance, int People, int Sessions, bool FromPrior, EffectPrior Prior);

/// <summary>One person's shrunk effect.</summary>
/// <param name="Estimate">θ̂, the posterior mean effect, points.</param>
/// <param name="PosteriorVariance">Var(θ | data), points².</param>
/// <param name="OwnWeight">1 − B, the weight on the person's own mean (0 with no sessions, towards 1 with many).</param>
/// <param name="Sessions">n.</param>
/// <param name="OwnMean">ȳ, the person's raw mean; NaN with no sessions.</param>
public sealed record ShrunkEffect(double Estimate, double PosteriorVariance, double OwnWeight, int Sessions, double OwnMean);

/// <summary>
/// Empirical-Bayes estimate of how much a practice helps one person, in the normal–normal model: a person's
/// session effects scatter around their own true effect θᵢ, and the θᵢ of different people scatter around an
/// all-people mean μ. A person with few sessions is pulled towards μ; with many, their own mean decides.
/// </summary>
/// <remarks>
/// <para>Model: yᵢⱼ | θᵢ ~ N(θᵢ, σ²), θᵢ ~ N(μ, τ²). Then ȳᵢ | θᵢ ~ N(θᵢ, σ²/nᵢ) and the posterior is</para>
/// <para>θ̂ᵢ = μ + (1 − Bᵢ)(ȳᵢ − μ),  Bᵢ = (σᵢ²/nᵢ) / (σᵢ²/nᵢ + τ²),  Var(θᵢ | y) = (1 − Bᵢ)σᵢ²/nᵢ</para>
/// <para>(Efron &amp; Morris 1975, §2; Casella 1985, eq. 2.4; Gelman et al. 2013, BDA3 §5.4). μ, σ² and τ² are
/// estimated from everyone's data (<see cref="Population"/>) and plugged in: the empirical-Bayes step.
/// With equal nᵢ and known σ², estimating 1/(σ²/n + τ²) by (k − 3)/S gives the James–Stein estimator
/// (<see cref="JamesStein"/>), which is how the golden test ties this code to Efron &amp; Morris's baseball example.</para>
/// <para>References: Efron B, Morris C (1975) Data analysis using Stein's estimator and its generalizations.
/// JASA 70:311–319. Casella G (1985) An introduction to empirical Bayes data analysis. The American
/// Statistician 39:83–87. Searle SR, Casella G, McCulloch CE (1992) Variance Components, §3.5 (unbalanced
/// one-way ANOVA estimator of τ²).</para>
/// </remarks>
public static class EmpiricalBayesEffect
{
    /// <summary>
    /// μ, σ² and τ² from every person's <see cref="EffectSummary"/> (people with n = 0 are ignored).
    /// </summary>
    /// <remarks>
    /// <para>With k people, N = Σnᵢ sessions, ȳ = Σ Σ yᵢⱼ / N:</para>
    /// <para>σ² = (Σᵢ Σⱼ (yᵢⱼ − ȳᵢ)² + ν₀σ₀²) / (N − k + ν₀)  (pooled within-person variance with ν₀ prior degrees of freedom);</para>
    /// <para>μ = (Σ Σ yᵢⱼ + m₀μ₀) / (N + m₀);</para>
    /// <para>τ² = max(τ²_min, (MSB − σ²)/n₀) with MSB = Σ nᵢ(ȳᵢ − ȳ)²/(k − 1), n₀ = (N − Σnᵢ²/N)/(k − 1)
    /// (the unbalanced one-way ANOVA moment estimator, Searle et al. 1992 §3.5). When every nᵢ = 1, n₀ = 1 and
    /// MSB is the variance of single sessions, so τ² = max(τ²_min, Var − σ²).</para>
    /// <para>While k &lt; <see cref="EffectPrior.MinPeople"/> the pooled figures are not used at all: μ = μ₀,
    /// σ² = σ₀², τ² = τ₀² (<see cref="PopulationEffect.FromPrior"/>). Few people make a poor estimate of τ², and in a
    /// small deployment (a couple) a pooled mean would tell one person about the other.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">A prior with a non-positive variance or weight, or MinPeople &lt; 2.</exception>
    public static PopulationEffect Population(ReadOnlySpan<EffectSummary> people, EffectPrior? prior = null)
    {
        var p = prior ?? EffectPrior.Default;
        p.Validate();
        int k = 0, n = 0;
        double sum = 0, within = 0, squaredCounts = 0;
        foreach (var person in people)
        {
            if (person.Count <= 0)
            {
                continue;
            }
            k++;
            n += person.Count;
            sum += person.Sum;
            within += person.WithinSumOfSquares;
            squaredCounts += (double)person.Count * person.Count;
        }
        if (k < p.MinPeople)
        {
            return new PopulationEffect(p.Mean, p.WithinVariance, p.BetweenVariance, k, n, FromPrior: true, p);
        }
        var sigma2 = (within + p.WithinWeight * p.WithinVariance) / (n - k + p.WithinWeight);
        var grand = sum / n;
        double between = 0;
        foreach (var person in people)
        {
            if (person.Count > 0)
            {
                var d = person.Mean - grand;
                between += person.Count * d * d;
            }
        }
        var msb = between / (k - 1);
        var n0 = (n - squaredCounts / n) / (k - 1);
        var tau2 = Math.Max(p.MinBetweenVariance, (msb - sigma2) / n0);
        var mu = (sum + p.MeanWeight * p.Mean) / (n + p.MeanWeight);
        return new PopulationEffect(mu, sigma2, tau2, k, n, FromPrior: false, p);
    }

    /// <summary>One person's effect, shrunk towards <paramref name="population"/>'s mean by the precision of their own.</summary>
    /// <remarks>
    /// <para>The person's own session-to-session variance is itself pulled towards the population's:
    /// σᵢ² = (Σⱼ(yᵢⱼ − ȳᵢ)² + ν₀σ²) / (nᵢ − 1 + ν₀), so one or two sessions that happened to agree do not make
    /// their mean look precise. Then θ̂ᵢ and Var(θᵢ | y) as in the class remarks.</para>
    /// <para>Edges: n = 0 gives θ̂ = μ, Var = τ², weight 0 and OwnMean NaN. Never NaN otherwise (σᵢ² ≥ ν₀σ²/(n − 1 + ν₀) &gt; 0).</para>
    /// </remarks>
    public static ShrunkEffect Shrink(EffectSummary person, PopulationEffect population)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (person.Count <= 0)
        {
            return new ShrunkEffect(population.Mean, population.BetweenVariance, 0, 0, double.NaN);
        }
        var nu = population.Prior.WithinWeight;
        var sigma2 = (person.WithinSumOfSquares + nu * population.WithinVariance) / (person.Count - 1 + nu);
        return Shrink(person.Mean, sigma2 / person.Count, population.Mean, population.BetweenVariance, person.Count);
    }

    /// <summary>
    /// The normal–normal posterior for one mean <paramref name="mean"/> with sampling variance
    /// <paramref name="samplingVariance"/> (σ²/n), prior mean μ and prior variance τ²:
    /// θ̂ = μ + (1 − B)(ȳ − μ), B = v/(v + τ²), Var = (1 − B)v.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A variance that is not positive and finite.</exception>
    public static ShrunkEffect Shrink(double mean, double samplingVariance, double priorMean, double priorVariance, int sessions)
    {
        if (!(samplingVariance > 0) || !double.IsFinite(samplingVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(samplingVariance), samplingVariance, "Must be positive and finite.");
        }
        if (!(priorVariance > 0) || !double.IsFinite(priorVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(priorVariance), priorVariance, "Must be positive and finite.");
        }
        var b = samplingVariance / (samplingVariance + priorVariance);
        return new ShrunkEffect(priorMean + (1 - b) * (mean - priorMean), (1 - b) * samplingVariance, 1 - b, sessions, mean);
    }

    /// <summary>
    /// The James–Stein estimator towards the grand mean, for k ≥ 4 means with one known sampling variance σ²
    /// (Efron &amp; Morris 1975, eq. 1.4): zᵢ = ȳ + c(yᵢ − ȳ), c = 1 − (k − 3)σ²/S, S = Σ(yᵢ − ȳ)². Not clamped
    /// (c &lt; 0 is possible with S small; the positive-part variant would use max(0, c)).
    /// </summary>
    /// <returns>The estimates and the shrinking factor c.</returns>
    /// <exception cref="ArgumentException">Fewer than 4 means, or all means equal (S = 0).</exception>
    public static (double[] Estimates, double Factor) JamesStein(ReadOnlySpan<double> means, double samplingVariance)
    {
        var k = means.Length;
        if (k < 4)
        {
            throw new ArgumentException("James–Stein towards the grand mean needs at least 4 means.", nameof(means));
        }
        double grand = 0;
        foreach (var y in means)
        {
            grand += y;
        }
        grand /= k;
        double s = 0;
        foreach (var y in means)
        {
            s += (y - grand) * (y - grand);
        }
        if (!(s > 0))
        {
            throw new ArgumentException("The means are all equal: there is nothing to shrink.", nameof(means));
        }
        var c = 1 - (k - 3) * samplingVariance / s;
        var estimates = new double[k];
        for (var i = 0; i < k; i++)
        {
            estimates[i] = grand + c * (means[i] - grand);
        }
        return (estimates, c);
    }
}
