/**
 * A valid input for every action, built from a context of known ids (fixed ones for the pure tests,
 * ones read from the local Gong's world for the end-to-end tests).
 */
export interface SampleContext {
  userId: string;
  userEmail: string;
  managerId: string;
  workspaceId: string;
  callId: string;
  otherUserId: string;
  folderId: string;
  flowId: string;
  flowOwnerEmail: string;
  crmProspectId: string;
  profileId: string;
  integrationId: string;
  meetingId: string;
  scorecardId: string;
  fromDateTime: string;
  toDateTime: string;
  fromDate: string;
  toDate: string;
  phone: string;
  filePath: string;
  clientRequestId: string;
  /** A CRM account the company's calls are with. */
  accountCrmId: string;
  briefName: string;
  taskId: string;
  flowInstanceId: string;
  bulkAssignmentId: string;
}

export const FIXED: SampleContext = {
  userId: '1234567890123456789',
  userEmail: 'ana@example.com',
  managerId: '2234567890123456789',
  workspaceId: '3234567890123456789',
  callId: '4234567890123456789',
  otherUserId: '5234567890123456789',
  folderId: '6234567890123456789',
  flowId: '7234567890123456789',
  flowOwnerEmail: 'owner@example.com',
  crmProspectId: '003ABC',
  profileId: '8234567890123456789',
  integrationId: '2271307570613351879',
  meetingId: '9234567890123456789',
  scorecardId: '1034567890123456789',
  fromDateTime: '2024-01-01T00:00:00Z',
  toDateTime: '2024-02-01T00:00:00+02:00',
  fromDate: '2024-01-01',
  toDate: '2024-02-01',
  phone: '+14155550100',
  filePath: '/recordings/does-not-matter.mp3',
  clientRequestId: 'req-1',
  accountCrmId: '001ABC',
  briefName: 'Account overview',
  taskId: '1134567890123456789',
  flowInstanceId: '1434567890123456789',
  bulkAssignmentId: '1534567890123456789',
};

export function sampleInput(actionId: string, c: SampleContext): Record<string, unknown> {
  const meeting = {
    startTime: c.fromDateTime,
    endTime: c.toDateTime,
    organizerEmail: c.userEmail,
    invitees: [{ email: 'guest@example.com', displayName: 'Guest' }],
    title: 'Catalog test meeting',
  };
  const stats = { filter: { fromDate: c.fromDate, toDate: c.toDate } };
  const event = { reportingSystem: 'catalog-tests', eventTimestamp: c.fromDateTime, contentId: 'doc-1', contentUrl: 'https://example.com/doc-1', contentTitle: 'Doc 1' };
  const samples: Record<string, Record<string, unknown>> = {
    'calls.list': { fromDateTime: c.fromDateTime, toDateTime: c.toDateTime },
    'calls.get': { id: c.callId },
    'calls.create': {
      clientUniqueId: `catalog-${c.clientRequestId}`, actualStart: c.fromDateTime, direction: 'Outbound', primaryUser: c.userId,
      parties: [{ userId: c.userId, name: 'Host' }, { phoneNumber: c.phone, name: 'Prospect' }], title: 'Uploaded by the catalog tests',
    },
    'calls.addMedia': { id: c.callId, mediaFile: c.filePath },
    'calls.extensive': { filter: { callIds: [c.callId] }, contentSelector: { exposedFields: { parties: true, content: { topics: true } } } },
    'calls.transcript': { filter: { callIds: [c.callId] } },
    'calls.manualCrmAssociations': { fromDateTime: c.fromDateTime },
    'calls.usersAccess.get': { filter: { callIds: [c.callId] } },
    'calls.usersAccess.set': { callAccessList: [{ callId: c.callId, userIds: [c.otherUserId] }] },
    'calls.usersAccess.remove': { callAccessList: [{ callId: c.callId, userIds: [c.otherUserId] }] },
    'users.list': {},
    'users.extensive': { filter: { userIds: [c.userId] } },
    'users.get': { id: c.userId },
    'users.settingsHistory': { id: c.userId },
    'workspaces.list': {},
    'settings.trackers': { workspaceId: c.workspaceId },
    'settings.scorecards': {},
    'settings.callOutcomes': {},
    'library.folders': { workspaceId: c.workspaceId },
    'library.folderContent': { folderId: c.folderId },
    'stats.activityAggregate': stats,
    'stats.activityByPeriod': { ...stats, aggregationPeriod: 'WEEK' },
    'stats.activityDayByDay': stats,
    'stats.answeredScorecards': { filter: { callFromDate: c.fromDate, callToDate: c.toDate, reviewMethod: 'BOTH' } },
    'stats.interaction': stats,
    'coaching.metrics': { workspaceId: c.workspaceId, managerId: c.managerId, from: c.fromDateTime, to: c.toDateTime },
    'logs.list': { logType: 'UserActivityLog', fromDateTime: c.fromDateTime },
    'meetings.create': meeting,
    'meetings.update': { meetingId: c.meetingId, ...meeting, title: 'Catalog test meeting (moved)' },
    'meetings.delete': { meetingId: c.meetingId, organizerEmail: c.userEmail },
    'meetings.integrationStatus': { emails: [c.userEmail] },
    'flows.list': { flowOwnerEmail: c.flowOwnerEmail },
    'flows.folders': { flowFolderOwnerEmail: c.flowOwnerEmail },
    'flows.prospects': { crmProspectsIds: [c.crmProspectId] },
    'flows.assign': { flowId: c.flowId, crmProspectsIds: [c.crmProspectId], flowInstanceOwnerEmail: c.flowOwnerEmail },
    'flows.unassignByCrmId': { crmProspectId: c.crmProspectId, flowId: c.flowId },
    'tasks.list': { filter: { userId: c.userId, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['OPEN'] } },
    'permissions.listProfiles': { workspaceId: c.workspaceId },
    'permissions.getProfile': { profileId: c.profileId },
    'permissions.createProfile': { workspaceId: c.workspaceId, name: `Catalog profile ${c.clientRequestId}`, callsAccess: { permissionLevel: 'own' }, scoreCalls: true },
    'permissions.updateProfile': { profileId: c.profileId, description: 'Changed by the catalog tests' },
    'permissions.profileUsers': { profileId: c.profileId },
    'dataPrivacy.forEmail': { emailAddress: c.userEmail },
    'dataPrivacy.forPhone': { phoneNumber: c.phone },
    'dataPrivacy.eraseEmail': { emailAddress: c.userEmail },
    'dataPrivacy.erasePhone': { phoneNumber: c.phone },
    'crm.registerIntegration': { name: 'Catalog CRM', ownerEmail: c.userEmail },
    'crm.getIntegrations': {},
    'crm.deleteIntegration': { integrationId: c.integrationId, clientRequestId: `${c.clientRequestId}-delete` },
    'crm.getEntities': { integrationId: c.integrationId, objectType: 'ACCOUNT', objectsCrmIds: ['acc-1', 'acc-2'] },
    'crm.uploadEntities': { integrationId: c.integrationId, objectType: 'ACCOUNT', clientRequestId: c.clientRequestId, dataFile: c.filePath },
    'crm.entitySchema': { integrationId: c.integrationId, objectType: 'ACCOUNT' },
    'crm.requestStatus': { integrationId: c.integrationId, clientRequestId: c.clientRequestId },
    'engagement.contentShared': { ...event, eventId: `share-${c.clientRequestId}`, recipients: [{ email: 'guest@example.com' }], sharer: { id: c.userId } },
    'engagement.contentViewed': { ...event, eventId: `view-${c.clientRequestId}`, viewer: { email: 'guest@example.com', name: 'Guest' } },
    'engagement.customAction': { reportingSystem: 'catalog-tests', eventTimestamp: c.fromDateTime, eventId: `act-${c.clientRequestId}`, actionName: 'Signed', actor: { email: 'guest@example.com' } },
    'entities.ask': { workspaceId: c.workspaceId, crmEntityType: 'ACCOUNT', crmEntityId: c.accountCrmId, timePeriod: 'ALL_CONVERSATIONS', question: 'What are the main risks in this deal?' },
    'entities.brief': { workspaceId: c.workspaceId, crmEntityType: 'ACCOUNT', crmEntityId: c.accountCrmId, timePeriod: 'CUSTOM_RANGE', fromDateTime: c.fromDateTime, toDateTime: c.toDateTime, briefName: c.briefName },
    'settings.briefs': { workspaceId: c.workspaceId },
    'settings.integrationOrigins': { integrationTypeSettings: [{ integrationType: 'DIALER', allowedOrigin: 'https://acme.dialer.example' }] },
    'crm.setSchema': { integrationId: c.integrationId, objectType: 'ACCOUNT', fields: [{ uniqueName: 'tier__c', label: 'Tier', type: 'PICKLIST', orderedValueList: ['Gold', 'Silver'] }] },
    'flows.steps': { flowIds: [c.flowId] },
    'flows.assignCoolOffOverride': { flowId: c.flowId, crmProspectsIds: [c.crmProspectId], flowInstanceOwnerEmail: c.flowOwnerEmail },
    'flows.unassignByInstanceId': { flowInstanceIds: [c.flowInstanceId] },
    'flows.bulkAssign': { flowId: c.flowId, flowInstanceOwnerEmail: c.flowOwnerEmail, prospects: [{ crmId: c.crmProspectId }, { firstName: 'Ana', lastName: 'Ruiz', email: 'ana.ruiz@example.com', companyName: 'Contoso' }] },
    'flows.bulkAssignment': { id: c.bulkAssignmentId },
    'tasks.update': { taskId: c.taskId, userId: c.userId, status: 'DONE' },
    'engagement.digitalInteraction': { eventId: `di-${c.clientRequestId}`, timestamp: c.fromDateTime, eventType: 'page viewed', content: { contentTitle: 'Pricing' }, person: { email: 'guest@example.com' } },
  };
  const s = samples[actionId];
  if (!s) throw new Error(`no sample input for ${actionId}`);
  return structuredClone(s);
}
