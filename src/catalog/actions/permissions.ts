import { z } from 'zod';
import type { ActionDef } from '../types';
import { defineAction } from './define';
import { bool, enumOf, gongId, group, idList, str } from '../fields';

const LEVELS = ['all', 'managers-team', 'report-to-them', 'own', 'none'] as const;

function access(what: string) {
  return group({
    permissionLevel: enumOf(LEVELS, `Access level to ${what}`).optional(),
    teamLeadIds: idList('user', 'Team leads (with managers-team)').nullable().optional(),
  }, `Access to ${what}`).optional();
}

const BOOLEAN_PERMISSIONS = [
  'scoreCalls', 'overrideScore', 'downloadCallMedia', 'shareCallsWithCustomers', 'manuallyScheduleAndUploadCalls', 'privateCalls',
  'deleteCalls', 'trimCalls', 'listenInCalls', 'deleteEmails', 'callsAndSearch', 'library', 'deals', 'createEditAndDeleteDealsBoards',
  'dealsInlineEditing', 'account', 'coaching', 'usage', 'teamStats', 'initiatives', 'market', 'activity', 'forecast', 'forecastManage',
  'engageManageCompanyTemplates', 'engageManageCompanySequences', 'engageCreateAndManageRulesets', 'engageSnoozeFlowToDosForOthers',
  'engageAllowCrmFieldsViewChange', 'viewEngageAnalyticsActivity', 'viewEngageAnalyticsPerformance', 'viewEngageAnalyticsFlows',
  'manageGeneralBusinessSettings', 'manageScorecards', 'exportCallsAndCoachingDataToCSV', 'crmDataInlineEditing', 'crmDataImport',
  'viewRevenueAnalytics', 'manageRevenueAnalytics', 'engageReassignFlowToDosToOthers', 'engageAssignFlowToDosToOthers',
  'dealsDataExport', 'aiBuilder', 'orchestrateCreateAndManagePlays',
] as const;

/** The PermissionProfile body; every member optional because PUT is a partial update and POST fills defaults. */
function profileShape(nameRequired: boolean): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {
    id: gongId('profile', 'Profile id inside the body (Gong assigns its own on create)').optional(),
    name: nameRequired ? str('Name of the profile', { min: 1 }) : str('Name of the profile', { min: 1 }).optional(),
    description: str('Description of the profile').optional(),
    callsAccess: access('calls'),
    dealsAccess: access('deals'),
    coachingAccess: access('coaching'),
    insightsAccess: access('insights'),
    usageAccess: access('usage'),
    emailsAccess: access('emails'),
    forecastPermissions: group({
      forecastAccess: access('the forecast'),
      forecastEditSubmissions: access('forecast submissions'),
      forecastEditTargets: access('forecast targets'),
    }, 'Forecast permissions').optional(),
    libraryFolderAccess: group({
      permissionLevel: enumOf(['none', 'all', 'specific-folders'] as const, 'Access to library folders'),
      libraryFolderIds: idList('folder', 'Folders (with specific-folders)').nullable().optional(),
      managePublicFolder: bool('Manage the public folder').optional(),
      manageStreams: bool('Manage streams').optional(),
      manageFolderCalls: bool('Manage folder calls').optional(),
      shareFoldersAndStreams: bool('Share folders and streams').optional(),
    }, 'Library folder access').optional(),
  };
  for (const key of BOOLEAN_PERMISSIONS) shape[key] = bool(`Permission ${key}`).optional();
  return shape;
}

export const permissionActions: ActionDef[] = [
  defineAction({
    id: 'permissions.listProfiles',
    aliases: ['GONG_FETCH_ALL_PERMISSION_PROFILES'],
    title: 'List permission profiles',
    description: 'All permission profiles of a workspace, by name.',
    category: 'Permissions', method: 'GET', path: '/v2/all-permission-profiles', scope: 'api:permission-profile:read', readOnly: true,
    listKey: 'profiles',
    shape: () => ({ workspaceId: gongId('workspace', 'Workspace id') }),
    placement: { workspaceId: { in: 'query' } },
  }),
  defineAction({
    id: 'permissions.getProfile',
    aliases: ['GONG_GET_PERMISSION_PROFILE'],
    title: 'Get a permission profile',
    description: 'One permission profile with all its permissions.',
    category: 'Permissions', method: 'GET', path: '/v2/permission-profile', scope: 'api:permission-profile:read', readOnly: true,
    shape: () => ({ profileId: gongId('profile', 'Permission profile id') }),
    placement: { profileId: { in: 'query' } },
  }),
  defineAction({
    id: 'permissions.createProfile',
    aliases: ['GONG_CREATE_PERMISSION_PROFILE_V2_PERMISSION_PROFILE'],
    title: 'Create a permission profile',
    description: 'Creates a permission profile in a workspace; omitted permissions are off.',
    category: 'Permissions', method: 'POST', path: '/v2/permission-profile', scope: 'api:permission-profile:write', readOnly: false,
    shape: () => ({ workspaceId: gongId('workspace', 'Workspace of the new profile'), ...profileShape(true) }),
    placement: { workspaceId: { in: 'query' } },
  }),
  defineAction({
    id: 'permissions.updateProfile',
    aliases: ['GONG_UPDATE_PERMISSION_PROFILE_V2_PERMISSION_PROFILE'],
    title: 'Update a permission profile',
    description: 'Changes the given permissions of a profile; the others stay as they are.',
    category: 'Permissions', method: 'PUT', path: '/v2/permission-profile', scope: 'api:permission-profile:write', readOnly: false,
    shape: () => ({ profileId: gongId('profile', 'Permission profile id'), ...profileShape(false) }),
    placement: { profileId: { in: 'query' } },
  }),
  defineAction({
    id: 'permissions.profileUsers',
    aliases: ['GONG_RETRIEVE_USERS_FROM_PERMISSION_PROFILE'],
    title: 'List users of a permission profile',
    description: 'The users assigned to a permission profile.',
    category: 'Permissions', method: 'GET', path: '/v2/permission-profile/users', scope: 'api:users:read', readOnly: true,
    listKey: 'users',
    shape: () => ({ profileId: gongId('profile', 'Permission profile id') }),
    placement: { profileId: { in: 'query' } },
  }),
];
