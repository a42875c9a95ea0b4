using System.Text.Json;
using IcedServerless.Ckks;
using IcedServerless.Client.Encryption;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Results;
using IcedServerless.Contracts;
using IcedServerless.Inference;
using IcedServerless.Inference.Latency;
using IcedServerless.Testing.Models;

namespace IcedServerless.Client.Tests;

/// <summary>Encrypt with the client library, evaluate with the real encrypted model, decode with the client library.</summary>
public sealed class EndToEndTests
{
    private static readonly Lazy<LatencyEncryptedModel> s_latency = new(() => new LatencyEncryptedModel(TestFiles.Pneumonia));

    [Fact]
    public async Task Released_model_latency_packing_on_two_xrays_agrees_with_the_plaintext_model()
    {
        var model = s_latency.Value;
        var plan = RoundTrip(model.Plan);
        var inputs = await ImageInputs.LoadAsync(TestFiles.PneumoniaNpz, plan.Preprocessing!);
        inputs = new InputSet(inputs.Names.Take(2).ToArray(), inputs.Images.Take(2).ToArray(), inputs.Labels!.Take(2).ToArray());
        using var keys = ClientKeySet.Create(plan);
        var encryptor = new UnitEncryptor(plan, keys);
        var decoder = new PredictionDecoder(plan, keys);
        var evaluationKeys = model.LoadKeys(keys.RelinKeys, keys.GaloisKeys);

        var predictions = new List<Prediction>();
        foreach (var (start, count) in encryptor.Units(inputs))
        {
            var result = Evaluate(model, evaluationKeys, encryptor.EncryptUnit(inputs, start, count));
            predictions.AddRange(decoder.Decode(start, result, inputs, start, count));
        }

        var flat = inputs.Images.SelectMany(i => i).ToArray();
        var expected = TestFiles.Pneumonia.PredictProbabilities(flat, inputs.Count);
        Assert.Equal(inputs.Names, predictions.Select(p => p.Name));
        for (var i = 0; i < predictions.Count; i++)
        {
            var p = predictions[i];
            Assert.Equal(TestFiles.Pneumonia.Decision.Predict(expected.AsSpan(i * 2, 2)), p.PredictedClass);
            Assert.Equal(plan.ClassNames[p.PredictedClass], p.PredictedLabel);
            Assert.Equal(inputs.Labels![i], p.TrueClass);
            Assert.InRange(Math.Abs(p.Probabilities[1] - expected[(i * 2) + 1]), 0, 1e-3);
            Assert.Equal(1.0, p.Probabilities.Sum(), 12);
        }
    }

    [Fact]
    public void Throughput_units_of_the_slotwise_model_decode_to_its_plaintext_outputs()
    {
        var model = TestClientCrypto.Shared.Model;
        using var keys = ClientKeySet.Create(model.Plan);
        var x = new[] { 0.5, -0.25, 0.75, 0.1, -0.6 };
        var inputs = new InputSet(x.Select((_, i) => $"s{i}").ToArray(), x.Select(v => new[] { v }).ToArray());
        var encryptor = new UnitEncryptor(model.Plan, keys);
        var unit = encryptor.EncryptUnit(inputs, 0, inputs.Count);
        Assert.Equal(model.Plan.InputCiphertextsPerUnit, UnitBlob.Split(unit).Count);
        var result = Evaluate(model, model.LoadKeys(keys.RelinKeys, keys.GaloisKeys), unit);

        var predictions = new PredictionDecoder(model.Plan, keys).Decode(0, result, inputs, 0, inputs.Count);
        var padded = new double[model.Context.SlotCount];
        x.CopyTo(padded, 0);
        var expected = SlotwiseTestModel.Predict(padded);
        for (var j = 0; j < x.Length; j++)
        {
            Assert.Equal(expected[0][j], predictions[j].Logits[0], 4);
            Assert.Equal(expected[1][j], predictions[j].Logits[1], 4);
            Assert.Equal(expected[1][j] > expected[0][j] ? 1 : 0, predictions[j].PredictedClass);
        }
    }

    [Fact]
    public void Malformed_results_and_results_for_other_keys_are_typed_errors()
    {
        var model = TestClientCrypto.Shared.Model;
        using var keys = ClientKeySet.Create(model.Plan);
        using var otherKeys = ClientKeySet.Create(model.Plan);
        var inputs = new InputSet(["a"], [[0.5]]);
        var result = Evaluate(model, model.LoadKeys(keys.RelinKeys, keys.GaloisKeys), new UnitEncryptor(model.Plan, keys).EncryptUnit(inputs, 0, 1));
        var decoder = new PredictionDecoder(model.Plan, keys);

        Assert.Throws<ResultFormatException>(() => decoder.Decode(3, result.AsMemory(0, result.Length - 5), inputs, 0, 1));
        var one = UnitBlob.Split(result)[0].ToArray();
        Assert.Contains("holds 1 ciphertexts", Assert.Throws<ResultFormatException>(() => decoder.Decode(0, one, inputs, 0, 1)).Message, StringComparison.Ordinal);
        var garbage = result.ToArray();
        garbage[40] ^= 0xFF;
        Assert.Throws<ResultFormatException>(() => decoder.Decode(0, garbage, inputs, 0, 1));
        var foreign = Assert.Throws<ResultFormatException>(() => new PredictionDecoder(model.Plan, otherKeys).Decode(7, result, inputs, 0, 1));
        Assert.Equal(7, foreign.Unit);
        Assert.Contains("another key set", foreign.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypting_or_decoding_with_keys_for_another_plan_is_refused()
    {
        var model = TestClientCrypto.Shared.Model;
        using var keys = ClientKeySet.Create(model.Plan);
        var other = model.Plan with { ModelId = "pneumoniamnist-28/throughput" };
        Assert.Throws<KeySetMismatchException>(() => new UnitEncryptor(other, keys));
        Assert.Throws<KeySetMismatchException>(() => new PredictionDecoder(other, keys));
    }

    private static ModelPlan RoundTrip(ModelPlan plan)
    {
        var json = JsonSerializer.Serialize(new ModelList([plan]), ContractJson.Options);
        var back = JsonSerializer.Deserialize<ModelList>(json, ContractJson.Options)!.Models.Single();
        Assert.Equal(plan.Preprocessing, back.Preprocessing);
        Assert.Equal(plan.Decision, back.Decision);
        Assert.NotNull(back.Preprocessing);
        Assert.Equal(plan.EncryptionParameters, back.EncryptionParameters);
        return back;
    }

    private static byte[] Evaluate(IEncryptedModel model, EvaluationKeys keys, byte[] unit)
    {
        var inputs = UnitBlob.Split(unit).Select(c => Ciphertext.Load(model.Context, c)).ToArray();
        return UnitBlob.Join(model.Evaluate(inputs, keys).Select(c => c.Save(Ckks.Serialization.ComprModeType.None)));
    }
}
