namespace DepHealth.Core.Scoring;

/// <summary>One weighted term inside a component (e.g. commit recency inside maintainer health), value in [0, 1].</summary>
public readonly record struct ScorePart(string Name, double Weight, double Value);

/// <summary>A component's value in [0, 1] (before clamping) and the weighted terms it is the sum of.</summary>
public readonly record struct ComponentScore(double Value, ScorePart[] Parts)
{
    /// <summary>Sums the parts in order, exactly as the original's expression (a·w1 + b·w2 + …).</summary>
    public static ComponentScore Of(params ScorePart[] parts)
    {
        double sum = 0;
        for (int i = 0; i < parts.Length; i++)
            sum = i == 0 ? parts[i].Value * parts[i].Weight : sum + parts[i].Value * parts[i].Weight;
        return new ComponentScore(sum, parts);
    }
}
