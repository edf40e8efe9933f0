using ActorPar.Hosting;
using ActorPar.Node.Cli;
using Xunit;

namespace ActorPar.Tests.Hosting;

/// <summary>One place for each fact: every key ActorPar reads has its default in hocon/, and every option that sets a key takes its check from it.</summary>
public sealed class ConfigKeysSpec
{
    public static TheoryData<string> Roles => new() { "coordinator", "worker" };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Every_key_ActorPar_reads_has_a_default_in_hocon_that_passes_its_own_check(string role)
    {
        var config = NodeConfig.Load(role, environment: new Dictionary<string, string>());

        Assert.All(ConfigKeys.All, setting =>
        {
            Assert.True(config.HasPath(setting.Key), $"hocon/ has no default for {setting.Key}");
            Assert.True(setting.Fits(config.GetString(setting.Key)), $"{setting.Key} = '{config.GetString(setting.Key)}' in hocon/ is not {setting.Expected}");
        });
    }

    [Fact]
    public void Every_option_that_sets_a_key_sets_a_key_ActorPar_reads_and_no_two_set_the_same_one()
    {
        var keys = NodeOptions.Keyed.Select(o => o.Setting.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(NodeOptions.Keyed, option => Assert.Contains(option.Setting, ConfigKeys.All));
        Assert.All(NodeOptions.Keyed, option => Assert.EndsWith($"[{option.Setting.Key}]", option.Option.Description));
    }

    [Theory]
    [InlineData("500ms", true)]
    [InlineData("10s", true)]
    [InlineData("2 minutes", true)]
    [InlineData("0s", false)]
    [InlineData("soon", false)]
    [InlineData("-5s", false)]
    public void A_duration_is_a_number_above_zero_with_a_unit_HOCON_knows(string text, bool fits)
    {
        Assert.Equal(fits, ConfigKeys.ReadyTimeout.Fits(text));
    }
}
