using IcedServerless.Functions;
using IcedServerless.Inference;

// The custom-handler executable. Under the Functions host it serves invocations on $FUNCTIONS_CUSTOMHANDLER_PORT;
// run on its own it is the whole service in local mode (see docs/pipeline.md and local.settings.sample.json).
var app = FunctionsApp.Build(new FunctionsAppOptions { Args = args, ModelCatalog = ServiceModels.Create });
await app.RunAsync();
