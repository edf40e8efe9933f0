using ActorPar.Coordination;
using ActorPar.Node.Workloads.Custom;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The custom workload's input: one task per JSON line, each knowing its line number.</summary>
public sealed class JsonLinesInputSpec : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Each_non_blank_line_is_one_task_read_as_the_workers_input_type_and_keeps_its_line_number()
    {
        File.WriteAllLines(_file, ["{\"value\": 3}", "", "{\"Value\": 4, \"behaviour\": \"throw\"}"]);
        var input = new JsonLinesInput(_file, typeof(Job));

        var tasks = input.Tasks().ToList();

        Assert.Equal([new Job(3), new Job(4, "throw")], tasks);
        Assert.Equal(2, input.Count());
        Assert.Equal([1, 3], new[] { input.LineOf(0), input.LineOf(1) });
    }

    [Theory]
    [InlineData("not json", "line 2: not a Job in JSON: 'not json' is an invalid JSON literal. Expected the literal 'null'. Path: $")]
    [InlineData("null", "line 2: null is not a Job")]
    [InlineData("{\"value\": \"three\"}", "line 2: not a Job in JSON: The JSON value could not be converted to ActorPar.Tests.Support.Job. Path: $.value")]
    public void A_malformed_line_becomes_an_invalid_input_naming_its_line_and_the_others_are_still_read(string bad, string error)
    {
        File.WriteAllLines(_file, ["{\"value\": 1}", bad, "{\"value\": 2}"]);

        var tasks = new JsonLinesInput(_file, typeof(Job)).Tasks().ToList();

        Assert.Equal(new Job(1), tasks[0]);
        Assert.Equal(error, Assert.IsType<InvalidInput>(tasks[1]).Error);
        Assert.Equal(new Job(2), tasks[2]);
    }

    [Fact]
    public void A_result_line_names_the_task_its_line_and_its_result_or_its_error()
    {
        Assert.Equal("{\"id\":0,\"line\":1,\"result\":{\"value\":3,\"behaviour\":\"square\",\"delayMs\":0}}", JsonLinesOutput.Format(0, 1, new Job(3), null));
        Assert.Equal("{\"id\":4,\"line\":7,\"error\":\"InvalidOperationException: can't\"}", JsonLinesOutput.Format(4, 7, null, "InvalidOperationException: can't"));
    }
}
