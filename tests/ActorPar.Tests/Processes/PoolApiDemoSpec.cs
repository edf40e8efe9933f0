using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// examples/CollatzPool, a C# program that uses the Pool-like API, run as a user runs it: it
/// starts its own worker node processes, maps, streams, meets a failing task, and leaves
/// no process behind.
/// </summary>
public sealed partial class PoolApiDemoSpec
{
    [Fact]
    public async Task The_example_program_maps_in_order_streams_as_tasks_complete_reports_a_failure_and_stops_every_node_it_started()
    {
        var program = Examples.Output("CollatzPool", "CollatzPool.dll");
        await using var run = NodeProcess.StartProgram("collatz-pool", program, ["3000"]);

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(90)));

        var lines = run.Lines.ToList();
        Assert.Contains("map: 3000 results in input order; first Steps { N = 1, Count = 0, Peak = 1 }, last Steps { N = 3000, Count = 48, Peak = 3000 }", lines);
        Assert.Contains("map: below 3001, 2919 takes the most steps: 216 (peak 250504)", lines);
        var streamed = lines.Select(l => Streamed().Match(l)).Where(m => m.Success).ToDictionary(m => int.Parse(m.Groups["index"].Value), m => m.Groups["outcome"].Value);
        Assert.Equal([0, 1, 2], streamed.Keys.Order());
        Assert.Equal("-> Steps { N = 27, Count = 111, Peak = 9232 }", streamed[0]);
        Assert.Equal("failed: ArgumentOutOfRangeException: a Collatz sequence starts at 1 or more, not 0 (Parameter 'start')", streamed[1]);
        Assert.Equal("-> Steps { N = 97, Count = 118, Peak = 9232 }", streamed[2]);
        Assert.Contains("map with a bad input: 1 of 2 task(s) got no result; first, task 1: " +
                        "ArgumentOutOfRangeException: a Collatz sequence starts at 1 or more, not -5 (Parameter 'start')", lines);
        Assert.Equal("pool stopped", lines.Last(l => !l.Contains(" WARN ")));
        Assert.Empty(NodesStartedFrom(Path.GetDirectoryName(program)!));
    }

    /// <summary>Node processes still running from the example's folder (the pool starts them from there).</summary>
    private static List<string> NodesStartedFrom(string folder) =>
        Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(c => c.Contains(Path.Combine(folder, "ActorPar.Node.dll"))).ToList();

    [GeneratedRegex(@"^stream: input (?<index>\d) (?<outcome>.*)$")]
    private static partial Regex Streamed();
}
