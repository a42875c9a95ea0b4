namespace IcedServerless.Client;

/// <summary>What a create-only upload found.</summary>
public enum UploadOutcome
{
    /// <summary>This call wrote the blob.</summary>
    Uploaded,

    /// <summary>
    /// The blob already existed: an earlier attempt (whose answer was lost) or an interrupted run uploaded it.
    /// Links are per unit and create-only, so the bytes there are this unit's; nothing needs doing.
    /// </summary>
    AlreadyPresent,
}
