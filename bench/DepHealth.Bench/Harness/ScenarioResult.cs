namespace DepHealth.Bench.Harness;

/// <summary>A target from the issue or the brief, what was measured against it, and whether it was met.</summary>
public sealed record TargetCheck(string Target, string Measured, bool Pass);

/// <summary>One table row: a figure, the baseline it is compared with (same run) and the targets it is held to.</summary>
public sealed class FigureRow(Figure figure, Figure? baseline = null)
{
    public Figure Figure { get; } = figure;
    public Figure? Baseline { get; } = baseline;
    public List<TargetCheck> Targets { get; } = [];

    /// <summary>How many times better than the baseline at p50 (latency: baseline / figure; other units: the same).</summary>
    public double? Ratio => Baseline is null ? null : Baseline.P50 / Figure.P50;

    public FigureRow Target(string target, string measured, bool pass)
    {
        Targets.Add(new TargetCheck(target, measured, pass));
        return this;
    }
}

/// <summary>What one scenario measured: its setup, one row per case, and notes on what limits it.</summary>
public sealed class ScenarioResult(string suite, string title, string setup)
{
    public string Suite { get; } = suite;
    public string Title { get; } = title;
    public string Setup { get; } = setup;
    public List<FigureRow> Rows { get; } = [];
    public List<string> Notes { get; } = [];

    public FigureRow Add(Figure figure, Figure? baseline = null)
    {
        var row = new FigureRow(figure, baseline);
        Rows.Add(row);
        return row;
    }

    public IEnumerable<TargetCheck> Targets => Rows.SelectMany(r => r.Targets);
}
