using IcedServerless.Client.Inputs;
using IcedServerless.Imaging.Decoders;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Inference.Evaluation;
using IcedServerless.Model.Data;
using IcedServerless.Testing;

namespace IcedServerless.Client.Tests;

public sealed class ImageInputsTests
{
    private static PreprocessingSpec Spec => TestFiles.Spec;

    [Fact]
    public async Task A_folder_of_real_png_and_dicom_files_loads_in_name_order_and_reports_other_files()
    {
        using var dir = new TempDirectory();
        File.Copy(TestFiles.ImagingData("png", "gray8.png"), Path.Combine(dir.Path, "b.png"));
        File.Copy(TestFiles.ImagingData("dicom", "ct-implicit.dcm"), Path.Combine(dir.Path, "a.dcm"));
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "notes.txt"), "not an image");
        var broken = await File.ReadAllBytesAsync(TestFiles.ImagingData("png", "gray8.png"));
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "c.png"), broken[..60]);

        var skipped = new List<SkippedFile>();
        var set = await ImageInputs.LoadAsync(dir.Path, Spec, onSkipped: skipped.Add);

        Assert.Equal(["a.dcm", "b.png"], set.Names);
        Assert.Equal(["c.png", "notes.txt"], skipped.Select(s => Path.GetFileName(s.Path)));
        Assert.Null(set.Labels);
        var expected = new double[Spec.InputSize * Spec.InputSize];
        ImageLoader.Load(TestFiles.ImagingData("png", "gray8.png")).Preprocess(Spec, expected);
        Assert.Equal(expected, set.Images[1]);
    }

    [Theory]
    [InlineData("png", "rgb16-avg.png")]
    [InlineData("dicom", "cr-mono1-12bit.dcm")]
    public async Task One_image_file_is_one_input(string folder, string file)
    {
        var set = await ImageInputs.LoadAsync(TestFiles.ImagingData(folder, file), Spec);
        Assert.Equal([file], set.Names);
        Assert.Equal(Spec.InputSize * Spec.InputSize, set.Images[0].Length);
        Assert.Contains(set.Images[0], v => v != set.Images[0][0]);
    }

    [Fact]
    public async Task The_medmnist_archive_gives_the_test_split_with_labels_preprocessed_as_in_training()
    {
        var set = await ImageInputs.LoadAsync(TestFiles.PneumoniaNpz, Spec);
        var test = (await MedMnistLoader.LoadAsync(TestFiles.PneumoniaNpz, 2)).Test;
        Assert.Equal(test.Count, set.Count);
        Assert.Equal("test/00042", set.Names[42]);
        Assert.Equal(test.Labels.ToArray(), set.Labels);
        var training = EncryptedEvaluation.Preprocess(test, Spec);
        Assert.All(Enumerable.Range(0, set.Count), i => Assert.Equal(training[i], set.Images[i]));
    }

    [Fact]
    public async Task Splits_can_be_chosen_and_all_concatenates_them()
    {
        var val = await ImageInputs.LoadAsync(TestFiles.PneumoniaNpz, Spec, NpzSplit.Val);
        var all = await ImageInputs.LoadAsync(TestFiles.PneumoniaNpz, Spec, NpzSplit.All);
        var splits = await MedMnistLoader.LoadAsync(TestFiles.PneumoniaNpz, 2);
        Assert.Equal(splits.Validation.Count, val.Count);
        Assert.Equal("val/00000", val.Names[0]);
        Assert.Equal(splits.Train.Count + splits.Validation.Count + splits.Test.Count, all.Count);
        Assert.Equal("train/00000", all.Names[0]);
        Assert.Equal(all.Count, all.Labels!.Count);
    }

    [Fact]
    public async Task A_npy_stack_and_a_single_npy_image_load()
    {
        using var dir = new TempDirectory();
        var stackPath = Path.Combine(dir.Path, "batch.npy");
        var pixels = TestFiles.Pixels(3 * 28 * 28, 1);
        await File.WriteAllBytesAsync(stackPath, TestFiles.Npy(pixels, 3, 28, 28));
        var stack = await ImageInputs.LoadAsync(stackPath, Spec);
        Assert.Equal(["batch/00000", "batch/00001", "batch/00002"], stack.Names);
        var expected = new double[28 * 28];
        ImagePreprocessor.Preprocess(pixels.AsSpan(2 * 784, 784), 28, 28, PixelFormat.Gray8, Spec, expected);
        Assert.Equal(expected, stack.Images[2]);

        var singlePath = Path.Combine(dir.Path, "one.npy");
        await File.WriteAllBytesAsync(singlePath, TestFiles.Npy(pixels[..(40 * 30)], 40, 30));
        var single = await ImageInputs.LoadAsync(singlePath, Spec);
        Assert.Equal(["one.npy"], single.Names);
    }

    [Fact]
    public async Task Bad_inputs_are_typed_errors_that_name_the_path()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "nothing-here");
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<InputException>(() => ImageInputs.LoadAsync(missing, Spec))).Message, StringComparison.Ordinal);
        Assert.Contains("empty", (await Assert.ThrowsAsync<InputException>(() => ImageInputs.LoadAsync(dir.Path, Spec))).Message, StringComparison.Ordinal);

        var text = Path.Combine(dir.Path, "scan.png");
        await File.WriteAllTextAsync(text, "hello");
        var unknown = await Assert.ThrowsAsync<InputException>(() => ImageInputs.LoadAsync(text, Spec));
        Assert.Equal(text, unknown.Path);
        Assert.Contains("not a PNG, DICOM, .npy or .npz", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no readable", (await Assert.ThrowsAsync<InputException>(() => ImageInputs.LoadAsync(dir.Path, Spec))).Message, StringComparison.Ordinal);

        var corrupt = Path.Combine(dir.Path, "corrupt.dcm");
        var dicom = await File.ReadAllBytesAsync(TestFiles.ImagingData("dicom", "ct-implicit.dcm"));
        await File.WriteAllBytesAsync(corrupt, dicom[..(dicom.Length / 2)]);
        await Assert.ThrowsAsync<InputException>(() => ImageInputs.LoadAsync(corrupt, Spec));

        var npz = Path.Combine(dir.Path, "only-test.npz");
        await File.WriteAllBytesAsync(npz, TestFiles.Npz(("test_images", TestFiles.Npy(TestFiles.Pixels(2 * 784, 2), 2, 28, 28))));
        var noVal = await Assert.ThrowsAsync<InputException>(() => ImageInputs.LoadAsync(npz, Spec, NpzSplit.Val));
        Assert.Contains("val_images", noVal.Message, StringComparison.Ordinal);
        var unlabelled = await ImageInputs.LoadAsync(npz, Spec);
        Assert.Equal(2, unlabelled.Count);
        Assert.Null(unlabelled.Labels);

        var floats = Path.Combine(dir.Path, "labels-bad.npz");
        await File.WriteAllBytesAsync(floats, TestFiles.Npz(("test_images", TestFiles.Npy(TestFiles.Pixels(2 * 784, 2), 2, 28, 28)),
            ("test_labels", TestFiles.Npy([0, 1, 1], 3))));
        Assert.Contains("labels", (await Assert.ThrowsAsync<InputException>(() => ImageInputs.LoadAsync(floats, Spec))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_changes_with_any_name_or_pixel()
    {
        double[] a = [0.5, -1], b = [0.25, 2];
        var set = new InputSet(["x", "y"], [a, b]);
        Assert.Equal(set.Fingerprint, new InputSet(["x", "y"], [[0.5, -1], [0.25, 2]]).Fingerprint);
        Assert.NotEqual(set.Fingerprint, new InputSet(["x", "z"], [a, b]).Fingerprint);
        Assert.NotEqual(set.Fingerprint, new InputSet(["x", "y"], [a, [0.25, 2.0000001]]).Fingerprint);
        Assert.NotEqual(set.Fingerprint, new InputSet(["xy", ""], [a, b]).Fingerprint);
    }
}
