// Least-privilege data-plane roles for the app's identity on its storage account, plus telemetry publishing.
// Blob Data Contributor (not Owner): the host and the app read and write blobs and create containers, neither
// changes ACLs. Blob Delegator: the app signs user-delegation SAS for client upload and download links.

@description('Storage account name.')
param storageAccountName string

@description('Application Insights component name.')
param appInsightsName string

@description('Principal id of the app\'s managed identity.')
param principalId string

// Built-in role definition ids (the same in every tenant).
var roleIds = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Queue Data Contributor rather than Message Processor: the host creates the poison queue if it is missing and
// the app enqueues shard messages. Table Data Contributor: the host keeps some state (e.g. timers) in tables.
var storageRoles = [
  roleIds.storageBlobDataContributor
  roleIds.storageBlobDelegator
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in storageRoles: {
  scope: storage
  name: guid(storage.id, principalId, roleId)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
  }
}]

resource telemetryAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, principalId, roleIds.monitoringMetricsPublisher)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
  }
}
