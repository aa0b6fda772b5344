using System.Text.RegularExpressions;

namespace WebPortal.Tests.Architecture;

/// <summary>
/// Dependencies between the app's top-level namespaces (its folders: Controllers, Providers, Authentication,
/// Integrations, Tokens, Data, …) go one way: controllers → providers/integrations → tokens → data. Read from the
/// source: <c>using WebPortal.X</c> lines, names qualified with <c>WebPortal.X.</c>, and names qualified relative to
/// <c>WebPortal</c> (<c>Audit.AuditActor</c>, <c>Integrations.Http.…</c>).
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private static readonly string AppProjectDirectory = Path.Combine(WebPortal.TestKit.RepositoryRoot.Find(), "src", "WebPortal");

    [Fact]
    public void Top_level_namespaces_depend_on_each_other_without_cycles()
    {
        var dependencies = ReadDependencies(AppProjectDirectory);

        var cycles = Cycles(dependencies.Keys.ToHashSet());

        Assert.True(
            cycles.Count == 0,
            "Namespace cycles: " + string.Join("; ", cycles.Select(cycle =>
                string.Join(" → ", cycle) + " (" + string.Join(", ", cycle.Zip(cycle.Skip(1)).Select(edge => $"{edge.First} → {edge.Second} in {dependencies[edge].First()}")) + ")")));
    }

    [Fact]
    public void Tokens_depend_on_data_only_among_the_layers_the_issue_names()
    {
        var dependencies = ReadDependencies(AppProjectDirectory);

        var upward = dependencies.Keys.Where(edge => edge.From == "Tokens" && edge.To is "Controllers" or "Providers" or "Integrations" or "Authentication").ToList();

        Assert.True(upward.Count == 0, string.Join("; ", upward.Select(edge => $"Tokens → {edge.To} in {dependencies[edge].First()}")));
    }

    [Fact]
    public void The_reading_of_the_source_finds_dependencies_of_every_kind()
    {
        var dependencies = ReadDependencies(AppProjectDirectory);

        Assert.Contains(("Providers", "Tokens"), dependencies.Keys); // using WebPortal.Tokens;
        Assert.Contains(("Integrations", "Tokens"), dependencies.Keys);
        Assert.Contains(("Tokens", "Data"), dependencies.Keys);
        Assert.Contains(("Authentication", "Audit"), dependencies.Keys); // Audit.AuditActor, qualified relative to WebPortal
    }

    /// <summary>Every dependency between two top-level namespaces, with the files that make it.</summary>
    private static Dictionary<(string From, string To), List<string>> ReadDependencies(string project)
    {
        var files = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (Path: Path.GetRelativePath(project, file), Code: Code(File.ReadAllText(file))))
            .Select(file => (file.Path, file.Code, Namespace: NamespaceDeclaration().Match(file.Code) is { Success: true } match ? match.Groups[1].Value : null))
            .Where(file => file.Namespace is not null)
            .ToList();

        // What each top-level namespace declares: its types and its sub-namespaces, for names qualified relative to WebPortal.
        var declared = files
            .GroupBy(file => Top(file.Namespace!))
            .ToDictionary(
                group => group.Key,
                group => group.SelectMany(file => TypeDeclaration().Matches(file.Code).Select(match => match.Groups[1].Value)
                        .Concat(file.Namespace!.Split('.').Skip(2)))
                    .ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

        var dependencies = new Dictionary<(string From, string To), List<string>>();
        foreach (var (path, code, space) in files)
        {
            var from = Top(space!);
            var fullyQualified = QualifiedName().Matches(code).Select(match => match.Groups[1].Value);
            var relative = RelativeName().Matches(code)
                .Where(match => declared.TryGetValue(match.Groups[1].Value, out var names) && names.Contains(match.Groups[2].Value))
                .Select(match => match.Groups[1].Value);
            foreach (var to in fullyQualified.Concat(relative).Where(to => to != from && declared.ContainsKey(to)).Distinct())
            {
                if (!dependencies.TryGetValue((from, to), out var sources))
                {
                    dependencies[(from, to)] = sources = [];
                }

                sources.Add(path);
            }
        }

        return dependencies;
    }

    /// <summary>Each cycle once, as a path that ends where it starts: one per namespace on a cycle, shortest first.</summary>
    private static List<List<string>> Cycles(HashSet<(string From, string To)> edges)
    {
        var next = edges.ToLookup(edge => edge.From, edge => edge.To);
        var cycles = new List<List<string>>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in edges.Select(edge => edge.From).Distinct().Order(StringComparer.Ordinal))
        {
            if (covered.Contains(start) || ShortestPath(start, start, next) is not { } cycle)
            {
                continue;
            }

            cycles.Add(cycle);
            covered.UnionWith(cycle);
        }

        return cycles;
    }

    private static List<string>? ShortestPath(string from, string to, ILookup<string, string> next)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>(next[from].Select(first =>
        {
            previous.TryAdd(first, from);
            return first;
        }).ToList());
        while (queue.TryDequeue(out var current))
        {
            if (current == to)
            {
                var path = new List<string> { to };
                for (var step = previous[to]; step != from; step = previous[step])
                {
                    path.Insert(0, step);
                }

                path.Insert(0, from);
                return path;
            }

            foreach (var following in next[current].Where(following => previous.TryAdd(following, current)))
            {
                queue.Enqueue(following);
            }
        }

        return null;
    }

    private static string Top(string space) => space.Split('.')[1];

    /// <summary>The source without comment lines and string literals, which may name namespaces without depending on them.</summary>
    private static string Code(string source) =>
        StringLiteral().Replace(string.Join('\n', source.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))), "\"\"");

    [GeneratedRegex(@"^namespace (WebPortal\.[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\bWebPortal\.(\w+)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex RelativeName();

    [GeneratedRegex("\"(?:[^\"\\\\\\n]|\\\\.)*\"")]
    private static partial Regex StringLiteral();
}
