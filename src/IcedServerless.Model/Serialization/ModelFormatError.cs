namespace IcedServerless.Model.Serialization;

/// <summary>Why a model file was rejected; carried by <see cref="ModelFormatException"/>.</summary>
public enum ModelFormatError
{
    /// <summary>The file is not valid JSON of the expected structure.</summary>
    MalformedJson,

    /// <summary>The <c>format</c> field does not name this format.</summary>
    UnknownFormat,

    /// <summary>The <c>formatVersion</c> is not one this code reads.</summary>
    UnsupportedVersion,

    /// <summary>A required field is missing or out of range.</summary>
    InvalidField,

    /// <summary>The layers do not form a valid, CKKS-evaluable network for the declared input and classes.</summary>
    InvalidArchitecture,

    /// <summary>A weight tensor has the wrong name, shape, encoding, length or a non-finite value.</summary>
    InvalidTensor,

    /// <summary>The stored checksum does not match the architecture and weights.</summary>
    ChecksumMismatch,

    /// <summary>The file exceeds a size limit.</summary>
    LimitExceeded,
}
