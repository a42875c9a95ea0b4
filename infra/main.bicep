// IcedServerless in one resource group: storage (shared keys off), a user-assigned identity with least-privilege
// data-plane roles, Application Insights on Log Analytics, and the custom-handler Function App on Flex Consumption.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p @infra/main.<env>.parameters.json
// (docs/deploy.md). Plain resource declarations only: registry modules cannot be fetched offline.
targetScope = 'resourceGroup'

@description('Short environment name (dev, prod, ...) in lowercase letters and digits: part of every resource name, the storage account\'s included.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days after their last modification that job data (inputs, manifests, results) is deleted.')
@minValue(1)
@maxValue(365)
param jobDataRetentionDays int = 7

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Memory per Flex instance in MB. 4096: a throughput unit of the released model (784 ciphertexts) takes about 1.2 GB while scoring, on top of the key set cache; 2048 leaves too little headroom.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 4096

@description('Most instances the scorer scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Ciphertext units per queue message (Iced__Pipeline__UnitsPerShard).')
@minValue(1)
param unitsPerShard int = 16

@description('Most units one job may hold (Iced__Pipeline__MaxUnitsPerJob).')
@minValue(1)
param maxUnitsPerJob int = 10000

@description('How long a job accepts uploads and keeps its status (Iced__Pipeline__JobLifetime, d.hh:mm:ss).')
param jobLifetime string = '1.00:00:00'

@description('Lifetime of upload links (Iced__Pipeline__UploadLinkLifetime, hh:mm:ss).')
param uploadLinkLifetime string = '01:00:00'

@description('Lifetime of result links (Iced__Pipeline__ResultLinkLifetime, hh:mm:ss).')
param resultLinkLifetime string = '01:00:00'

@description('Units one instance scores in parallel (Iced__Pipeline__ScoringParallelism); each needs about 1.2 GB.')
@minValue(1)
@maxValue(3)
param scoringParallelism int = 1

@description('Key sets kept loaded per instance (Iced__Pipeline__KeySetCacheCapacity).')
@minValue(1)
param keySetCacheCapacity int = 4

@description('Compression of result ciphertexts (Iced__Pipeline__ResultCompression).')
@allowed([
  'None'
  'ZLib'
  'Zstd'
])
param resultCompression string = 'None'

@description('Polling interval the status API asks clients for (Iced__Pipeline__StatusRetryAfter, hh:mm:ss; sent as Retry-After).')
param statusRetryAfter string = '00:00:02'

@description('Tags for every resource.')
param tags object = {}

var suffix = uniqueString(subscription().id, resourceGroup().id, environmentName)
var names = {
  identity: 'id-iced-${environmentName}-${suffix}'
  workspace: 'log-iced-${environmentName}-${suffix}'
  appInsights: 'appi-iced-${environmentName}-${suffix}'
  storage: take('sticed${environmentName}${suffix}', 24)
  plan: 'plan-iced-${environmentName}-${suffix}'
  functionApp: 'func-iced-${environmentName}-${suffix}'
}
var allTags = union(tags, {
  'iced-environment': environmentName
})

// The queue names are fixed in the app (FunctionNames) and in the function.json files.
var shardQueueName = 'score-shards'
var poisonQueueName = 'score-shards-poison'
var deploymentContainerName = 'app-package-${names.functionApp}'
var pipeline = {
  keysContainer: 'iced-keys'
  jobsContainer: 'iced-jobs'
  inputsContainer: 'iced-inputs'
  resultsContainer: 'iced-results'
  unitsPerShard: unitsPerShard
  maxUnitsPerJob: maxUnitsPerJob
  jobLifetime: jobLifetime
  uploadLinkLifetime: uploadLinkLifetime
  resultLinkLifetime: resultLinkLifetime
  scoringParallelism: scoringParallelism
  keySetCacheCapacity: keySetCacheCapacity
  resultCompression: resultCompression
  // The containers and queues are declared in modules/storage.bicep, so the app does not create them.
  createStorageResources: false
  statusRetryAfter: statusRetryAfter
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    identityName: names.identity
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    logRetentionDays: logRetentionDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: names.storage
    storageSku: storageSku
    pipelineContainers: [
      pipeline.keysContainer
      pipeline.jobsContainer
      pipeline.inputsContainer
      pipeline.resultsContainer
    ]
    jobDataContainers: [
      pipeline.jobsContainer
      pipeline.inputsContainer
      pipeline.resultsContainer
    ]
    jobDataRetentionDays: jobDataRetentionDays
    shardQueueName: shardQueueName
    poisonQueueName: poisonQueueName
    deploymentContainerName: deploymentContainerName
    tags: allTags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    storageAccountName: storage.outputs.storageAccountName
    appInsightsName: monitoring.outputs.appInsightsName
    principalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: names.plan
    functionAppName: names.functionApp
    identityId: identity.outputs.identityId
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    pipeline: pipeline
    tags: allTags
  }
  // The app must not start before its identity may read the deployment container and the queues.
  dependsOn: [
    roles
  ]
}

output functionAppName string = functionApp.outputs.functionAppName
// The service base URI the client takes (ScoringClient appends api/).
output endpoint string = 'https://${functionApp.outputs.defaultHostName}/'
output storageAccountName string = storage.outputs.storageAccountName
output blobEndpoint string = storage.outputs.blobEndpoint
output identityClientId string = identity.outputs.clientId
output appInsightsName string = monitoring.outputs.appInsightsName
