using IcedServerless.Storage.FileSystem;

namespace IcedServerless.Storage.Tests.FileSystem;

public sealed class BlobFileNamesTests
{
    [Theory]
    [InlineData("plain.bin", "plain.bin")]
    [InlineData("client1/img 001.bin", "client1%2Fimg%20001.bin")]
    [InlineData(".hidden", "%2Ehidden")]
    [InlineData("100%/ü", "100%25%2F%C3%BC")]
    [InlineData("a\\b:c*d", "a%5Cb%3Ac%2Ad")]
    public void Encode_IsFlatReversibleAndNeverHidden(string name, string encoded)
    {
        Assert.Equal(encoded, BlobFileNames.Encode(name));
        Assert.Equal(name, BlobFileNames.Decode(encoded));
        Assert.DoesNotContain('/', BlobFileNames.Encode(name));
        Assert.False(BlobFileNames.Encode(name).StartsWith('.'));
    }

    [Fact]
    public void Encode_RefusesNamesTooLongForAFileName()
    {
        Assert.Equal(200, BlobFileNames.Encode(new string('a', 200)).Length);
        Assert.Throws<ArgumentException>(() => BlobFileNames.Encode(new string('a', 201)));
        Assert.Throws<ArgumentException>(() => BlobFileNames.Encode(new string('ü', 40)));
    }
}
