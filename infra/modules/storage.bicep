// The storage account for both the Functions host (AzureWebJobsStorage) and the pipeline's blobs and queues.
// Shared keys are off: everything authenticates with Entra tokens, and client links are user-delegation SAS.

@description('Azure region.')
param location string

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string

@description('The pipeline\'s blob containers (keys, jobs, inputs, results).')
param pipelineContainers array

@description('Containers whose blobs are job data, deleted by the lifecycle rule.')
param jobDataContainers array

@description('Days after their last modification that job data blobs are deleted.')
@minValue(1)
@maxValue(365)
param jobDataRetentionDays int

@description('The queue of shard messages.')
param shardQueueName string

@description('The poison queue the host moves failed shard messages to.')
param poisonQueueName string

@description('The container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Tags for every resource.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in concat(pipelineContainers, [deploymentContainerName]): {
  parent: blobService
  name: name
  properties: {
    publicAccess: 'None'
  }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The poison queue is created up front so alerts and role assignments cover it from day one.
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for name in [shardQueueName, poisonQueueName]: {
  parent: queueService
  name: name
}]

// Job data (uploaded ciphertexts, manifests, encrypted results) is deleted a configurable number of days after
// its last write, so an abandoned job does not keep medical data around. Keys are kept: clients re-use them.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-job-data'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [for name in jobDataContainers: '${name}/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: jobDataRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

output storageAccountId string = storage.id
output storageAccountName string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
