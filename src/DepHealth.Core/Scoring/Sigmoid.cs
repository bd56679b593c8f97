namespace DepHealth.Core.Scoring;

/// <summary>The logistic function as the original writes it: <c>1 / (1 + exp(-x))</c>.</summary>
internal static class Sigmoid
{
    public static double Of(double x) => 1 / (1 + Math.Exp(-x));
}
