using System.Text.RegularExpressions;

namespace IcedServerless.Infra.Tests;

/// <summary>
/// A text-level view of one .bicep file: the declarations a test can check without the Bicep compiler (which cannot
/// be obtained here). Only the subset of the grammar infra/ uses is recognised; comments are stripped first.
/// </summary>
internal sealed partial class BicepFile
{
    private BicepFile(string path, string text)
    {
        Path = path;
        Text = text;
        Parameters = ParamPattern().Matches(text).Select(m => new BicepParameter(
            m.Groups["name"].Value, m.Groups["default"].Success, AllowedBefore(text, m.Index))).ToArray();
        Outputs = OutputPattern().Matches(text).Select(m => (m.Groups["name"].Value, m.Groups["value"].Value.Trim())).ToArray();
        Resources = ResourcePattern().Matches(text).Select(m => (m.Groups["name"].Value, m.Groups["type"].Value)).ToArray();
        Modules = ModulePattern().Matches(text).Select(m => (m.Groups["name"].Value, m.Groups["path"].Value)).ToArray();
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The text without comments.</summary>
    public string Text { get; }

    /// <summary>The <c>param</c> declarations.</summary>
    public IReadOnlyList<BicepParameter> Parameters { get; }

    /// <summary>The <c>output</c> declarations: name and value expression.</summary>
    public IReadOnlyList<(string Name, string Value)> Outputs { get; }

    /// <summary>The <c>resource</c> declarations: symbolic name and <c>type@apiVersion</c>.</summary>
    public IReadOnlyList<(string Name, string Type)> Resources { get; }

    /// <summary>The <c>module</c> declarations: symbolic name and path.</summary>
    public IReadOnlyList<(string Name, string Path)> Modules { get; }

    /// <summary>Every file under infra/.</summary>
    public static IReadOnlyList<BicepFile> All() =>
        Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(Load).ToArray();

    /// <summary>Reads one file.</summary>
    public static BicepFile Load(string path) => new(path, StripComments(File.ReadAllText(path)));

    /// <summary>The names passed in the <c>params: { ... }</c> block of module <paramref name="module"/>.</summary>
    public IReadOnlyList<string> ModuleArguments(string module)
    {
        var start = Text.IndexOf($"module {module} ", StringComparison.Ordinal);
        var block = Block(Text, Text.IndexOf("params: {", start, StringComparison.Ordinal) + "params: ".Length);
        return TopLevelKeys(block);
    }

    /// <summary>The <c>name: 'X'</c> entries of the array variable <paramref name="variable"/>.</summary>
    public IReadOnlyList<string> ArrayNames(string variable)
    {
        var start = Text.IndexOf($"var {variable} = [", StringComparison.Ordinal);
        var end = Text.IndexOf("\n]", start, StringComparison.Ordinal);
        return NameEntry().Matches(Text[start..end]).Select(m => m.Groups[1].Value).ToArray();
    }

    /// <summary>The top-level <c>key: value</c> pairs of the object variable <paramref name="variable"/>.</summary>
    public IReadOnlyDictionary<string, string> ObjectVariable(string variable)
    {
        var start = Text.IndexOf($"var {variable} = {{", StringComparison.Ordinal);
        var block = Block(Text, Text.IndexOf('{', start));
        return block.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": ", StringComparison.Ordinal) && !l.EndsWith('{'))
            .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
    }

    private static string Block(string text, int openBrace)
    {
        var depth = 0;
        for (var i = openBrace; i < text.Length; i++)
        {
            depth += text[i] switch { '{' or '[' => 1, '}' or ']' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[(openBrace + 1)..i];
            }
        }

        throw new FormatException("Unbalanced braces.");
    }

    private static List<string> TopLevelKeys(string block)
    {
        var keys = new List<string>();
        var depth = 0;
        foreach (var line in block.Split('\n'))
        {
            if (depth == 0 && KeyLine().Match(line) is { Success: true } key)
            {
                keys.Add(key.Groups[1].Value);
            }

            depth += line.Count(c => c is '{' or '[') - line.Count(c => c is '}' or ']');
        }

        return keys;
    }

    private static IReadOnlyList<string> AllowedBefore(string text, int paramIndex)
    {
        // Decorators sit directly above the param; the nearest @allowed before it that no other param separates.
        var previous = text.LastIndexOf("\nparam ", paramIndex - 1, StringComparison.Ordinal);
        var allowed = text.IndexOf("@allowed([", Math.Max(previous, 0), StringComparison.Ordinal);
        if (allowed < 0 || allowed > paramIndex || (previous >= 0 && allowed < previous))
        {
            return [];
        }

        var list = text[(allowed + "@allowed([".Length)..text.IndexOf("])", allowed, StringComparison.Ordinal)];
        return list.Split('\n').Select(v => v.Trim().Trim('\'')).Where(v => v.Length > 0).ToArray();
    }

    private static string StripComments(string text) => LineComment().Replace(text, string.Empty);

    [GeneratedRegex(@"^param (?<name>\w+) \w+(?<default> = .+)?$", RegexOptions.Multiline)]
    private static partial Regex ParamPattern();

    [GeneratedRegex(@"^output (?<name>\w+) \w+ = (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex OutputPattern();

    [GeneratedRegex(@"^resource (?<name>\w+) '(?<type>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"^module (?<name>\w+) '(?<path>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"^\s*name: '([^']+)'$", RegexOptions.Multiline)]
    private static partial Regex NameEntry();

    [GeneratedRegex(@"^\s*(\w+): ")]
    private static partial Regex KeyLine();

    // A // comment outside a string: infra/ writes no '//' inside string literals except URLs, which follow a quote.
    [GeneratedRegex(@"(?<!['/:])//[^\n]*")]
    private static partial Regex LineComment();
}

/// <summary>One <c>param</c> declaration.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="HasDefault">Whether it has a default value.</param>
/// <param name="Allowed">The values its <c>@allowed</c> decorator lists; empty when there is none.</param>
internal sealed record BicepParameter(string Name, bool HasDefault, IReadOnlyList<string> Allowed);
