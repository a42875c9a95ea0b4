using IcedServerless.Imaging.Decoders;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>Assertions for hostile input: a typed rejection, and no large allocation on the way to it.</summary>
internal static class Hostile
{
    /// <summary>Enough for any decode of the small test images; far below what a forged header asks for.</summary>
    public const long SmallAllocation = 4L * 1024 * 1024;

    public static ImageFormatException Rejects(Func<DecodedImage> decode, ImageFormatError? error = null)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageFormatException>(() => decode());
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, SmallAllocation);
        if (error is { } e)
        {
            Assert.Equal(e, ex.Error);
        }

        return ex;
    }

    /// <summary>
    /// Runs one decode of mutated input: it may succeed (the mutation hit something ignorable) or throw
    /// <see cref="ImageFormatException"/>; anything else, or a large allocation, fails with the mutation named.
    /// </summary>
    public static bool DecodesOrRejects(Func<DecodedImage> decode, string mutation)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool decoded;
        try
        {
            decode();
            decoded = true;
        }
        catch (ImageFormatException)
        {
            decoded = false;
        }
        catch (Exception ex)
        {
            Assert.Fail($"{mutation}: {ex.GetType().Name}: {ex.Message}");
            throw;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= SmallAllocation, $"{mutation}: allocated {allocated} bytes.");
        return decoded;
    }
}
