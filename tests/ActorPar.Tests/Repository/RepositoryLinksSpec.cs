using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Repository;

/// <summary>
/// What a reader of a fresh clone follows: every relative link of the README and the docs
/// leads to a file of the repository (not to a build output, not outside the checkout), and a
/// link to a heading finds that heading. The solution's build folder lists the build files.
/// </summary>
public sealed partial class RepositoryLinksSpec
{
    private static readonly string Root = NodeProcess.RepositoryRoot;

    /// <summary>Folders a clone does not have until something is built or run (see .gitignore).</summary>
    private static readonly string[] Outputs = ["bin", "obj", "runs", "certs", "TestResults", "BenchmarkDotNet.Artifacts"];

    /// <summary>The README, the benchmarks' README, and every Markdown file of docs/.</summary>
    private static List<string> DocumentPaths() =>
    [
        "README.md", "bench/README.md",
        .. Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> Documents() => new(DocumentPaths());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_of_a_document_leads_to_a_file_of_the_repository_and_an_existing_heading(string document)
    {
        var path = Path.Combine(Root, document);

        var broken = Links(path).Select(link => (link.Line, link.Target, Problem: Problem(path, link.Target)))
            .Where(l => l.Problem is not null)
            .Select(l => $"{document}:{l.Line}: ({l.Target}) {l.Problem}")
            .ToList();

        Assert.Equal("", string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void The_documents_checked_include_the_readme_and_every_file_of_docs()
    {
        var documents = DocumentPaths();

        Assert.Equal(["README.md", "bench/README.md", "docs/architecture.md", "docs/custom-workers.md", "docs/from-python.md", "docs/testing.md"], documents);
    }

    [Fact]
    public void The_solution_lists_the_build_files_in_its_build_folder_and_each_exists()
    {
        var solution = File.ReadAllText(Path.Combine(Root, "ActorPar.sln"));

        var folder = BuildFolder().Match(solution);

        Assert.True(folder.Success, "ActorPar.sln has no \"build\" solution folder with a SolutionItems section");
        var items = SolutionItem().Matches(folder.Groups["items"].Value).Select(m => m.Groups["path"].Value).ToList();
        Assert.Equal([".ci\\run", "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md"], items);
        Assert.All(items, item => Assert.True(File.Exists(Path.Combine(Root, item.Replace('\\', '/'))), $"{item} is not in the repository"));
    }

    /// <summary>Why a link from <paramref name="document"/> leads nowhere, or null when it leads to a file (and heading) of the repository.</summary>
    private static string? Problem(string document, string target)
    {
        var hash = target.IndexOf('#');
        var file = hash < 0 ? target : target[..hash];
        var heading = hash < 0 ? null : target[(hash + 1)..];
        var resolved = file.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(file)));

        if (!resolved.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return "is outside the repository";
        var parts = Path.GetRelativePath(Root, resolved).Split(Path.DirectorySeparatorChar);
        if (parts.Any(Outputs.Contains)) return "is a build or run output, not in a clone";
        if (!File.Exists(resolved) && !Directory.Exists(resolved)) return "does not exist";
        if (heading is null) return null;
        if (!resolved.EndsWith(".md", StringComparison.Ordinal)) return "has a heading but is not a Markdown file";
        return Headings(resolved).Contains(heading) ? null : $"has no heading #{heading}";
    }

    /// <summary>The relative links of a Markdown file, outside code blocks and code spans, with their line numbers.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string path)
    {
        var inCode = false;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (inCode) continue;
            foreach (Match link in Link().Matches(CodeSpan().Replace(line, "")))
            {
                var target = link.Groups["target"].Value;
                if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto") continue;
                yield return (number, target);
            }
        }
    }

    /// <summary>The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as dashes.</summary>
    private static HashSet<string> Headings(string path)
    {
        var inCode = false;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            var heading = Heading().Match(line);
            if (inCode || !heading.Success) continue;
            var text = heading.Groups["text"].Value.Trim().ToLowerInvariant();
            anchors.Add(string.Concat(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-'));
        }
        return anchors;
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"Project\(""\{2150E333-8FDC-42A3-9474-1A3956D46DE8\}""\) = ""build"", ""build"", ""\{[0-9A-F-]+\}""\s*ProjectSection\(SolutionItems\) = preProject(?<items>.*?)EndProjectSection", RegexOptions.Singleline)]
    private static partial Regex BuildFolder();

    [GeneratedRegex(@"^\s*(?<path>\S+) = \S+\s*$", RegexOptions.Multiline)]
    private static partial Regex SolutionItem();
}
