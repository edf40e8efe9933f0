using ActorPar.Hosting;
using ActorPar.Node.Cli;
using ActorPar.Node.Workloads;
using ActorPar.Node.Workloads.Sleep;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>Every workload on the coordinator's command line: its options, their errors, and the defaults it asks for.</summary>
public sealed class WorkloadCommandLineSpec
{
    private static System.CommandLine.ParseResult Parse(string line) => NodeCommandLine.Build().Parse(line);

    private static WorkloadCommand Command(string name) => WorkloadCatalog.All.Single(c => c.Name == name);

    [Fact]
    public void Every_workload_of_the_issue_is_a_subcommand_and_queue_stays_the_default()
    {
        Assert.Equal(["queue", "sleep", "join", "csv", "primes", "counter", "map", "chaos", "custom", "noop", "ping"], WorkloadCatalog.All.Select(c => c.Name));
    }

    [Theory]
    [InlineData("coordinator sleep --tasks 0")]
    [InlineData("coordinator sleep --tasks 5,x")]
    [InlineData("coordinator join --processes 0")]
    [InlineData("coordinator csv --rows 0")]
    [InlineData("coordinator csv --reads 0")]
    [InlineData("coordinator primes --below 2")]
    [InlineData("coordinator counter --window 0")]
    [InlineData("coordinator counter --races 0")]
    [InlineData("coordinator noop --count 0")]
    [InlineData("coordinator ping --count 1")]
    [InlineData("coordinator map --print lots")]
    [InlineData("coordinator chaos --tasks 0")]
    [InlineData("coordinator chaos --min-ms -1")]
    [InlineData("coordinator chaos --hang 3,x")]
    public void A_bad_workload_option_is_a_usage_error_that_names_the_option(string line)
    {
        var errors = Parse(line).Errors;

        Assert.NotEmpty(errors);
        Assert.Contains(line.Split(' ')[2], errors[0].Message);
    }

    [Fact]
    public void Sleep_takes_its_task_times_with_commas_or_spaces()
    {
        var parse = Parse("coordinator sleep --tasks 5,2 4 --serial");
        var workload = (SleepWorkload)Command("sleep").Create(parse, Context(workers: 3));

        Assert.Empty(parse.Errors);
        Assert.Equal(11, workload.IdealSeconds); // serial: 5 + 2 + 4
    }

    [Theory]
    [InlineData("coordinator sleep", "5")]
    [InlineData("coordinator sleep --tasks 1,2,3", "3")]
    [InlineData("coordinator join --processes 7", "7")]
    [InlineData("coordinator csv --reads 4", "4")]
    [InlineData("coordinator csv --file a.csv --file b.csv", "2")]
    [InlineData("coordinator counter --tasks 6", "6")]
    public void Workloads_that_start_one_python_process_per_task_ask_for_one_worker_per_task(string line, string workers)
    {
        var parse = Parse(line);
        var defaults = Command(line.Split(' ')[1]).ConfigDefaults(parse);

        var config = NodeConfig.Load("coordinator", defaults: defaults, environment: new Dictionary<string, string>());

        Assert.Equal(int.Parse(workers), config.GetInt("actorpar.coordinator.workers"));
    }

    [Fact]
    public void A_workloads_default_gives_way_to_the_environment_and_the_command_line()
    {
        var defaults = new Dictionary<string, string> { ["actorpar.coordinator.workers"] = "5" };
        var environment = new Dictionary<string, string> { ["ACTORPAR__actorpar__coordinator__workers"] = "4" };

        Assert.Equal(4, NodeConfig.Load("coordinator", defaults: defaults, environment: environment).GetInt("actorpar.coordinator.workers"));
        Assert.Equal(2, NodeConfig.Load("coordinator", defaults: defaults, environment: environment,
            overrides: [new("actorpar.coordinator.workers", "2")]).GetInt("actorpar.coordinator.workers"));
    }

    private static WorkloadContext Context(int workers) =>
        new("sleep", 1, 1.0, NodeConfig.Load("coordinator", overrides: [new("actorpar.coordinator.workers", workers.ToString())], environment: new Dictionary<string, string>()));
}
