namespace IcedServerless.Storage;

/// <summary>What a blob SAS grants. Read is never combined with Create or Write: links are least-privilege.</summary>
[Flags]
public enum BlobSasPermissions
{
    /// <summary>Nothing; not a valid grant.</summary>
    None = 0,

    /// <summary>Read the blob (<c>r</c>).</summary>
    Read = 1,

    /// <summary>Create a blob that does not exist yet (<c>c</c>).</summary>
    Create = 2,

    /// <summary>Write (create or overwrite) the blob (<c>w</c>).</summary>
    Write = 4,
}
