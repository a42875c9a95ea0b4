namespace IcedServerless.Benchmarks.Classifier;

/// <summary>Replaces one "## Title" section of a Markdown file, keeping the others.</summary>
internal static class MarkdownSections
{
    public static void Write(string path, string title, string body)
    {
        var header = $"## {title}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var start = text.IndexOf(header + "\n", StringComparison.Ordinal);
        var section = $"{header}\n\n{body.TrimEnd()}\n\n";
        if (start < 0)
        {
            text = text.TrimEnd() + "\n\n" + section;
        }
        else
        {
            var end = text.IndexOf("\n## ", start + header.Length, StringComparison.Ordinal);
            text = text[..start] + section + (end < 0 ? string.Empty : text[(end + 1)..]);
        }

        File.WriteAllText(path, text.TrimEnd() + "\n");
    }
}
