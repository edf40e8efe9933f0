using ActorPar.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorPar.Tests.Templates;

/// <summary>
/// The actorpar-worker template as a new user meets it (scripts/template-check.sh): ActorPar
/// packed into a folder that is the only extra package source, the template and the actorpar
/// tool installed into a temporary DOTNET_CLI_HOME, a worker and its tests created, built and
/// tested, and the worker run once on a coordinator and a worker node started with the tool.
/// </summary>
public sealed class WorkerTemplateSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_worker_made_from_the_template_builds_passes_its_tests_and_runs_on_a_cluster_with_the_installed_tool()
    {
        // The solution is built (./test.sh builds it before any test runs): pack what was built.
        await using var check = NodeProcess.StartScript("template-check", "scripts/template-check.sh", ["--no-build"]);

        var exitCode = await check.WaitForExitAsync(TimeSpan.FromMinutes(5));

        output.WriteLine(check.Output);
        Assert.Equal(0, exitCode);
        Assert.Contains("Passed!  - Failed:     0, Passed:     3, Skipped:     0, Total:     3", check.Output);
        Assert.Equal(
            [
                """{"id":0,"line":1,"result":{"words":9,"longest":"quick"}}""",
                """{"id":1,"line":2,"result":{"words":6,"longest":"messages"}}""",
                """{"id":2,"line":3,"result":{"words":7,"longest":"message"}}""",
                "template check: ok",
            ],
            check.Lines.TakeLast(4));
    }
}
