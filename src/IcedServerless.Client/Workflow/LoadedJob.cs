using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Inference;

namespace IcedServerless.Client.Workflow;

/// <summary>
/// A recorded job with everything needed to continue it: its record, the model's plan, the keys (disposing wipes the
/// secret key) and the inputs, checked to be the ones the job was made from.
/// </summary>
/// <param name="Record">The job record.</param>
/// <param name="Plan">The plan the service publishes for the job's model.</param>
/// <param name="Keys">The job's key set.</param>
/// <param name="Inputs">The job's images, reloaded.</param>
public sealed record LoadedJob(JobRecord Record, ModelPlan Plan, ClientKeySet Keys, InputSet Inputs) : IDisposable
{
    /// <summary>Wipes the secret key.</summary>
    public void Dispose() => Keys.Dispose();
}
