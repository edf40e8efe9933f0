using ActorPar.Hosting;
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
    public void Every_file_in_hocon_passes_the_checks()
    {
        foreach (var role in new[] { "coordinator", "worker" })
            Assert.NotNull(NodeConfig.Load(role, environment: new Dictionary<string, string>()));
    }
}
