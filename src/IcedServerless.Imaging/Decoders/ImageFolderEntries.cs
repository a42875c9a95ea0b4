namespace IcedServerless.Imaging.Decoders;

/// <summary>A file in a folder that holds a supported image.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Kind">Its format, recognised by content.</param>
public sealed record ImageFolderEntry(string Path, ImageFileKind Kind);

/// <summary>A file that was not loaded, and why.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Reason">A sentence saying why it was skipped.</param>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>What a folder holds: the supported images and the other files with the reason each was passed over.</summary>
/// <param name="Images">The supported files, ordered by path.</param>
/// <param name="Skipped">The other files, ordered by path.</param>
public sealed record ImageFolderScan(IReadOnlyList<ImageFolderEntry> Images, IReadOnlyList<SkippedFile> Skipped);

/// <summary>One loaded image of a folder.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Kind">Its format.</param>
/// <param name="Image">The gray image.</param>
public sealed record FolderImage(string Path, ImageFileKind Kind, GrayImage Image);
