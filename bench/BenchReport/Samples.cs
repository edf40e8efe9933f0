using System.Globalization;
using Sylvan.Data.Csv;

namespace ActorPar.BenchReport;

/// <summary>One raw measurement: a contender's value for a metric in one repetition; null when it never got there.</summary>
public sealed record Sample(string Metric, string Contender, int Rep, double? Value, string Unit, string Note);

/// <summary>Reads bench/results/samples.csv (metric,contender,rep,value,unit,note).</summary>
public static class Samples
{
    public static IReadOnlyList<Sample> Read(string path)
    {
        using var csv = CsvDataReader.Create(path);
        var samples = new List<Sample>();
        int metric = csv.GetOrdinal("metric"), contender = csv.GetOrdinal("contender"), rep = csv.GetOrdinal("rep"),
            value = csv.GetOrdinal("value"), unit = csv.GetOrdinal("unit"), note = csv.GetOrdinal("note");
        while (csv.Read())
        {
            var text = csv.GetString(value);
            double? number = text.Length == 0 ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            samples.Add(new Sample(csv.GetString(metric), csv.GetString(contender), int.Parse(csv.GetString(rep), CultureInfo.InvariantCulture),
                number, csv.GetString(unit), csv.GetString(note)));
        }
        return samples;
    }
}

/// <summary>Min, median and max of one contender's samples for one metric; Never counts the samples that never got there.</summary>
public sealed record Stats(double? Min, double? Median, double? Max, int Count, int Never, string Unit, string Note)
{
    public static Stats Of(IReadOnlyList<Sample> samples)
    {
        var values = samples.Where(s => s.Value is not null).Select(s => s.Value!.Value).Order().ToArray();
        var never = samples.Count - values.Length;
        double? median = values.Length == 0 ? null
            : values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        // A contender that never got there in most repetitions has no median.
        if (never > values.Length) median = null;
        return new Stats(values.Length > 0 ? values[0] : null, median, values.Length > 0 ? values[^1] : null,
            samples.Count, never, samples[0].Unit, samples[^1].Note);
    }
}
