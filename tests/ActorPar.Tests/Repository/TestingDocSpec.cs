using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Repository;

/// <summary>
/// docs/testing.md quotes compiled code only: each of its C# snippets is found, line for line,
/// in a source file of examples/Collatz.Tests or of the TestKit's own specs, which the build
/// compiles and ./test.sh runs. A snippet edited in the document, or code changed under it,
/// fails here.
/// </summary>
public sealed class TestingDocSpec
{
    private static readonly string Root = NodeProcess.RepositoryRoot;

    private static readonly string[] QuotedFolders = ["examples/Collatz.Tests", "tests/ActorPar.Tests/TestKit"];

    [Fact]
    public void Every_csharp_snippet_of_testing_md_is_quoted_from_a_compiled_source_file()
    {
        var sources = QuotedFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs"))
            .Select(file => (Name: Path.GetRelativePath(Root, file), Lines: Normalized(File.ReadAllLines(file))))
            .ToList();

        var snippets = Snippets(File.ReadAllLines(Path.Combine(Root, "docs/testing.md")));

        Assert.True(snippets.Count >= 6, $"docs/testing.md has {snippets.Count} C# snippets; expected its unit, type list, failure, timeout, kill and cluster snippets");
        var unquoted = snippets.Where(s => !sources.Any(source => Contains(source.Lines, Normalized(s.Lines))))
            .Select(s => $"docs/testing.md:{s.Line}: this snippet is in no file of {string.Join(" or ", QuotedFolders)}")
            .ToList();
        Assert.Equal("", string.Join(Environment.NewLine, unquoted));
    }

    /// <summary>The ```csharp blocks, each with the line it starts on.</summary>
    private static List<(int Line, string[] Lines)> Snippets(string[] document)
    {
        var snippets = new List<(int, string[])>();
        for (var i = 0; i < document.Length; i++)
        {
            if (document[i].Trim() != "```csharp") continue;
            var end = Array.FindIndex(document, i + 1, l => l.Trim() == "```");
            snippets.Add((i + 1, document[(i + 1)..end]));
            i = end;
        }
        return snippets;
    }

    /// <summary>Lines without their indentation, blank lines dropped: a quote may be indented differently from its file.</summary>
    private static string[] Normalized(IEnumerable<string> lines) => lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static bool Contains(string[] file, string[] snippet) =>
        Enumerable.Range(0, Math.Max(0, file.Length - snippet.Length + 1)).Any(start => file.AsSpan(start, snippet.Length).SequenceEqual(snippet));
}
