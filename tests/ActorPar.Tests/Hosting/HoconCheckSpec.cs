using ActorPar.Hosting;
using ActorPar.Tests.Support;
using Akka.Configuration.Hocon;
using Xunit;

namespace ActorPar.Tests.Hosting;

/// <summary>HOCON that Akka's parser accepts without a word, and that a node refuses with the reason.</summary>
public sealed class HoconCheckSpec
{
    [Theory]
    [InlineData("a = {", "line 1: '{' is never closed")]
    [InlineData("a = [1, 2", "line 1: '[' is never closed")]
    [InlineData("a {\n  b = 1\n", "line 1: '{' is never closed")]
    [InlineData("a = 1 }", "line 1: '}' closes nothing")]
    [InlineData("a = [1, 2}", "line 1: '}' closes the '[' of line 1")]
    [InlineData("a = \"x", "line 1: a quoted string is never closed")]
    [InlineData("a = 1\nb = \"x\nc = 2", "line 2: a quoted string is not closed on its line")]
    [InlineData("a = \"\"\"x", "line 1: a \"\"\" string is never closed")]
    public void Unbalanced_brackets_and_open_strings_are_named_with_their_line(string text, string expected)
    {
        Assert.Equal(expected, HoconCheck.Structure(text));
    }

    [Theory]
    [InlineData("a = \"{ [ # not a comment\"")]
    [InlineData("a = 1 # a { in a comment\nb = 2 // and a [ here")]
    [InlineData("a = \"\"\"{\n[\"\"\"")]
    [InlineData("a = ${b}\nb = { c = [1, 2] }")]
    [InlineData("")]
    public void Brackets_inside_strings_and_comments_do_not_count(string text)
    {
        Assert.Null(HoconCheck.Structure(text));
    }

    [Theory]
    [InlineData("a = }")]
    [InlineData("x { a = ]")]
    [InlineData("a b c")]
    public void A_key_without_a_value_is_malformed_configuration(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"actorpar-hocon-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, text);
        try
        {
            var error = Assert.Throws<NodeStartException>(() =>
                NodeConfig.Load("worker", extraFiles: [file], environment: new Dictionary<string, string>()));

            Assert.StartsWith($"malformed HOCON in {file}: ", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_hocon_folder_next_to_the_node_program_is_the_repositorys_and_every_file_in_it_passes_the_checks()
    {
        var shipped = Directory.GetFiles(NodeConfig.DefaultDirectory, "*.conf").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["common.conf", "coordinator.conf", "tls.conf", "worker.conf"], shipped);
        foreach (var file in shipped)
        {
            var text = File.ReadAllText(Path.Combine(NodeConfig.DefaultDirectory, file!));
            Assert.Equal(File.ReadAllText(Path.Combine(NodeProcess.RepositoryRoot, "hocon", file!)), text);
            Assert.Null(HoconCheck.Structure(text));
            Assert.Null(HoconCheck.KeyWithoutValue(ParseWithIncludes(text).Value));
        }
    }

    private static HoconRoot ParseWithIncludes(string text) =>
        Parser.Parse(text, name => ParseWithIncludes(File.ReadAllText(Path.Combine(NodeConfig.DefaultDirectory, name))));

    [Theory]
    [InlineData("coordinator", 1)]
    [InlineData("worker", 1)]
    public void A_role_file_loads_as_common_conf_plus_that_role(string role, int workerNodesAwaited)
    {
        var config = NodeConfig.Load(role, environment: new Dictionary<string, string>());

        Assert.Equal([role], config.GetStringList("akka.cluster.roles"));
        const string awaited = "akka.cluster.role.worker.min-nr-of-members";
        Assert.Equal(workerNodesAwaited, config.GetInt(awaited)); // common.conf: every key ActorPar reads has its default there
        // from common.conf: a cluster on 127.0.0.1, ports from the OS, the coordinator's side kept by the split brain resolver
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal("actorpar", config.GetString("actorpar.cluster.system-name"));
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(0, config.GetInt("akka.remote.dot-netty.tcp.port", -1));
        Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl", true)); // off unless tls.conf
        Assert.Equal("keep-oldest", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal("coordinator", config.GetString("akka.cluster.split-brain-resolver.keep-oldest.role"));
        Assert.False(config.GetBoolean("akka.cluster.split-brain-resolver.keep-oldest.down-if-alone", true));
        Assert.Equal("actorpar", config.GetString("akka.actor.serialization-bindings.\"ActorPar.Messaging.IActorParMessage, ActorPar\""));
        Assert.False(config.GetBoolean("akka.actor.serialization-settings.allow-unregistered-types", true));
        Assert.Equal("3", config.GetString("actorpar.coordinator.workers"));
        Assert.Equal("pull", config.GetString("actorpar.coordinator.dispatch"));
    }

    [Fact]
    public void The_tls_file_turns_on_mutual_TLS_that_validates_peers()
    {
        var config = NodeConfig.Load("worker", extraFiles: [Path.Combine(NodeConfig.DefaultDirectory, "tls.conf")], environment: new Dictionary<string, string>());

        Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl", false));
        Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.batching.enabled", true));
        Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.require-mutual-authentication", false));
        Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.suppress-validation", true));
        Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.validate-certificate-hostname", true));
        Assert.Equal("ACTORPAR_TLS_PASSWORD", config.GetString("actorpar.tls.password-variable"));
        Assert.Equal(["worker"], config.GetStringList("akka.cluster.roles"));
    }
}
