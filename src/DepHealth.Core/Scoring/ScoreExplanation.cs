using System.Text.Json.Serialization;

namespace DepHealth.Core.Scoring;

/// <summary>
/// Why a health score is what it is: per component its weight, its 0–100 score and the points it contributes
/// (weight × score), with the weighted terms inside it. Contributions are rounded to 2 decimals, so their sum
/// equals <c>health_score</c> up to rounding; <see cref="UnroundedScore"/> is the exact total.
/// </summary>
public sealed class ScoreExplanation
{
    [JsonPropertyName("components")] public List<ComponentExplanation> Components { get; set; } = [];

    /// <summary>Σ weight × component × 100 before the one-decimal rounding of health_score.</summary>
    [JsonPropertyName("unrounded_score")] public double UnroundedScore { get; set; }

    internal static ScoreExplanation Build(double unrounded,
        params (string Name, double Weight, double Value, ScorePart[] Parts)[] components)
    {
        return new ScoreExplanation
        {
            UnroundedScore = Math.Max(0, Math.Min(100, unrounded)),
            Components = [.. components.Select(c => new ComponentExplanation
            {
                Name = c.Name,
                Weight = c.Weight,
                Score = PythonNumbers.Round1(c.Value * 100),
                Contribution = PythonNumbers.Round(c.Value * c.Weight * 100, 2),
                Parts = [.. c.Parts.Select(p => new PartExplanation
                {
                    Name = p.Name,
                    Weight = p.Weight,
                    Score = PythonNumbers.Round1(p.Value * 100),
                })],
            })],
        };
    }
}

/// <summary>One component of the explanation: name, weight, 0–100 score, points contributed, and its terms.</summary>
public sealed class ComponentExplanation
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("weight")] public double Weight { get; set; }
    [JsonPropertyName("score")] public double Score { get; set; }
    /// <summary>weight × score: the points of health_score that come from this component.</summary>
    [JsonPropertyName("contribution")] public double Contribution { get; set; }
    [JsonPropertyName("parts")] public List<PartExplanation> Parts { get; set; } = [];
}

/// <summary>One weighted term inside a component, its score on 0–100 (e.g. commit_recency 50 at 90 days).</summary>
public sealed class PartExplanation
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>The term's weight inside its component (the component's terms sum to 1).</summary>
    [JsonPropertyName("weight")] public double Weight { get; set; }
    [JsonPropertyName("score")] public double Score { get; set; }
}
