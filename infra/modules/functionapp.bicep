// The Function App: Linux, Flex Consumption (FC1), runtime 'custom' (the self-contained IcedServerless.Functions
// handler), running as the user-assigned identity. Flex takes no FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE or content-share settings: the runtime comes from
// functionAppConfig and the package from the deployment container. For the Elastic Premium alternative see
// docs/deploy.md.

@description('Azure region.')
param location string

@description('Flex Consumption plan name.')
param planName string

@description('Function App name.')
param functionAppName string

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('Primary blob endpoint of the storage account (ends with a slash).')
param blobEndpoint string

@description('Primary queue endpoint of the storage account.')
param queueEndpoint string

@description('Primary table endpoint of the storage account.')
param tableEndpoint string

@description('The container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Application Insights component name.')
param appInsightsName string

@description('Memory per instance in MB. One throughput unit of the released model holds 784 ciphertexts (about 1.2 GB while scoring).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the plan scales the queue-triggered scorer out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('The pipeline settings the app reads (Iced__Pipeline__*), see PipelineOptions.')
param pipeline object

@description('Tags for every resource.')
param tags object

// Read here rather than passed as a module output, so no deployment output carries the connection string.
resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// App settings. AzureWebJobsStorage__* is the host's own storage; IcedStorage__* is the connection the queue
// triggers (function.json "connection": "IcedStorage") and the app's blob and queue clients share. Both are
// identity-based with the user-assigned identity, so no key is stored anywhere.
var appSettings = [
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: blobEndpoint
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: queueEndpoint
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: tableEndpoint
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identityClientId};Authorization=AAD'
  }
  {
    name: 'IcedStorage__blobServiceUri'
    value: blobEndpoint
  }
  {
    name: 'IcedStorage__queueServiceUri'
    value: queueEndpoint
  }
  {
    name: 'IcedStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'IcedStorage__clientId'
    value: identityClientId
  }
  {
    name: 'Iced__Pipeline__KeysContainer'
    value: pipeline.keysContainer
  }
  {
    name: 'Iced__Pipeline__JobsContainer'
    value: pipeline.jobsContainer
  }
  {
    name: 'Iced__Pipeline__InputsContainer'
    value: pipeline.inputsContainer
  }
  {
    name: 'Iced__Pipeline__ResultsContainer'
    value: pipeline.resultsContainer
  }
  {
    name: 'Iced__Pipeline__UnitsPerShard'
    value: string(pipeline.unitsPerShard)
  }
  {
    name: 'Iced__Pipeline__MaxUnitsPerJob'
    value: string(pipeline.maxUnitsPerJob)
  }
  {
    name: 'Iced__Pipeline__JobLifetime'
    value: pipeline.jobLifetime
  }
  {
    name: 'Iced__Pipeline__UploadLinkLifetime'
    value: pipeline.uploadLinkLifetime
  }
  {
    name: 'Iced__Pipeline__ResultLinkLifetime'
    value: pipeline.resultLinkLifetime
  }
  {
    name: 'Iced__Pipeline__ScoringParallelism'
    value: string(pipeline.scoringParallelism)
  }
  {
    name: 'Iced__Pipeline__KeySetCacheCapacity'
    value: string(pipeline.keySetCacheCapacity)
  }
  {
    name: 'Iced__Pipeline__ResultCompression'
    value: pipeline.resultCompression
  }
  {
    name: 'Iced__Pipeline__CreateStorageResources'
    value: string(pipeline.createStorageResources)
  }
  {
    name: 'Iced__Pipeline__StatusRetryAfter'
    value: pipeline.statusRetryAfter
  }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// Publishing with basic (user name and password) credentials is off: zip deploy goes through Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output functionAppName string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output planName string = plan.name
