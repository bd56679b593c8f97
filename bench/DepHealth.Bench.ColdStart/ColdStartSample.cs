namespace DepHealth.Bench.ColdStart;

/// <summary>One cold start: spawn → init done (first next), spawn → first answer, and the process's peak RSS.</summary>
public sealed record ColdStartSample(string Variant, double InitMs, double FirstAnswerMs, double PeakRssMb, int StatusCode);
