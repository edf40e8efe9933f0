using ScottPlot;

namespace ActorPar.BenchReport;

/// <summary>
/// The report's chart: for every ActorPar figure that has a baseline, how many times better
/// than that baseline its median is, on a log scale, green when its target is met and red
/// when not, with each ratio target drawn as a black tick.
/// </summary>
public static class Chart
{
    public static void Save(IReadOnlyList<Row> rows, string path)
    {
        var shown = rows.Where(r => r.Contender.StartsWith("actorpar", StringComparison.Ordinal) && r.Ratio is > 0).ToList();
        var plot = new Plot();
        var ticks = new List<Tick>();
        for (var i = 0; i < shown.Count; i++)
        {
            var row = shown[i];
            var color = row.Met switch { true => Colors.SeaGreen, false => Colors.Crimson, null => Colors.SteelBlue };
            var bar = new Bar { Position = i, Value = Math.Log10(row.Ratio!.Value), FillColor = color, Label = $"{row.Ratio:0.##}×" };
            plot.Add.Bar(bar);
            if (row.Target is RatioTarget ratio)
            {
                var line = plot.Add.Line(i - 0.4, Math.Log10(ratio.Times), i + 0.4, Math.Log10(ratio.Times));
                line.LineWidth = 3;
                line.LineColor = Colors.Black;
            }
            var label = row.Metric.Id + (row.Contender == "actorpar" ? "" : "\n" + row.Contender["actorpar-".Length..]);
            ticks.Add(new Tick(i, label));
        }
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 0;
        var decades = new ScottPlot.TickGenerators.NumericManual();
        for (var power = -3; power <= 4; power++)
            decades.AddMajor(power, power >= 0 ? $"{Math.Pow(10, power):0}×" : $"{Math.Pow(10, power)}×");
        plot.Axes.Left.TickGenerator = decades;
        plot.Axes.Left.Label.Text = "times better than the baseline (log scale)";
        plot.Title("ActorPar vs. the Python originals and Dask\nmedian ratio; black tick: ratio target; green: target met, red: missed");
        plot.Axes.Margins(bottom: 0.05, top: 0.15);
        plot.SavePng(path, Math.Max(900, 120 * shown.Count), 560);
    }
}
