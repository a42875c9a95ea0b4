// The app's user-assigned managed identity. User-assigned (not system-assigned) so its role assignments exist
// before the Function App first starts and survive re-creating the app.

@description('Azure region.')
param location string

@description('Identity name.')
param identityName string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

output identityId string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
output identityName string = identity.name
