import { z } from 'zod';
import type { ActionDef } from '../types';
import { defineAction } from './define';
import { bool, enumOf, gongId, group, idList, isoDateTime, objectList, url } from '../fields';

export const userActions: ActionDef[] = [
  defineAction({
    id: 'users.list',
    aliases: ['GONG_LIST_ALL_USERS_V2_USERS'],
    title: 'List all users',
    description: 'Every user of the company (100 a page).',
    category: 'Users', method: 'GET', path: '/v2/users', scope: 'api:users:read',
    paging: 'query-cursor', readOnly: true, listKey: 'users',
    shape: () => ({ includeAvatars: bool('Include avatars (synthetic users for Gong staff)').optional() }),
    placement: { includeAvatars: { in: 'query' } },
  }),
  defineAction({
    id: 'users.extensive',
    aliases: ['GONG_LIST_USERS_BY_FILTER_V2_USERS_EXTENSIVE'],
    title: 'List users by filter',
    description: 'Users by id or creation date (an empty filter returns everyone).',
    category: 'Users', method: 'POST', path: '/v2/users/extensive', scope: 'api:users:read',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'users',
    shape: () => ({
      filter: group({
        createdFromDateTime: isoDateTime('Users created at or after this time').optional(),
        createdToDateTime: isoDateTime('Users created before this time').optional(),
        includeAvatars: bool('Include avatars (synthetic users for Gong staff)').optional(),
        userIds: idList('user', 'Only these users').optional(),
      }, 'Which users').prefault({}),
    }),
  }),
  defineAction({
    id: 'users.get',
    aliases: ['GONG_GET_USER_BY_ID', 'GONG_RETRIEVE_USER_V2_USERS_ID'],
    title: 'Get a user',
    description: 'One user\'s details.',
    category: 'Users', method: 'GET', path: '/v2/users/{id}', scope: 'api:users:read', readOnly: true,
    shape: () => ({ id: gongId('user', 'User id') }),
    placement: { id: { in: 'path' } },
    inputAliases: { user_id: 'id' },
  }),
  defineAction({
    id: 'users.settingsHistory',
    aliases: ['GONG_GET_USER_SETTINGS_HISTORY', 'GONG_RETRIEVE_USER_SETTINGS_HISTORY'],
    title: 'Get a user\'s settings history',
    description: 'Changes of a user\'s recording and import settings over time.',
    category: 'Users', method: 'GET', path: '/v2/users/{id}/settings-history', scope: 'api:users:read', readOnly: true,
    listKey: 'userSettingsHistory',
    shape: () => ({ id: gongId('user', 'User id') }),
    placement: { id: { in: 'path' } },
    inputAliases: { user_id: 'id' },
  }),
];

export const workspaceActions: ActionDef[] = [
  defineAction({
    id: 'workspaces.list',
    aliases: ['GONG_LIST_ALL_COMPANY_WORKSPACES_V2_WORKSPACES'],
    title: 'List workspaces',
    description: 'The company\'s workspaces.',
    category: 'Workspaces', method: 'GET', path: '/v2/workspaces', scope: 'api:workspaces:read', readOnly: true,
    listKey: 'workspaces',
    shape: () => ({}),
  }),
];

export const settingsActions: ActionDef[] = [
  defineAction({
    id: 'settings.trackers',
    aliases: ['GONG_RETRIEVE_TRACKER_DETAILS_V2_SETTINGS_TRACKERS'],
    title: 'List keyword trackers',
    description: 'Keyword tracker definitions (all workspaces when none is given).',
    category: 'Settings', method: 'GET', path: '/v2/settings/trackers', scope: 'api:settings:trackers:read', readOnly: true,
    listKey: 'keywordTrackers',
    shape: () => ({ workspaceId: gongId('workspace', 'Only trackers of this workspace').optional() }),
    placement: { workspaceId: { in: 'query' } },
  }),
  defineAction({
    id: 'settings.scorecards',
    aliases: ['GONG_LIST_SCORECARDS', 'GONG_RETRIEVE_SCORECARDS_DETAILS_V2_SETTINGS_SCORECARDS'],
    title: 'List scorecards',
    description: 'Scorecard definitions with their questions.',
    category: 'Settings', method: 'GET', path: '/v2/settings/scorecards', scope: 'api:settings:scorecards:read', readOnly: true, emptyOn404: true,
    listKey: 'scorecards',
    shape: () => ({}),
  }),
  defineAction({
    id: 'settings.callOutcomes',
    aliases: ['GONG_LIST_CALL_OUTCOMES'],
    title: 'List call outcomes',
    description: 'Dialer call outcome definitions.',
    category: 'Settings', method: 'GET', path: '/v2/call-outcomes', scope: 'api:call-outcomes:read', readOnly: true,
    listKey: 'outcomes',
    shape: () => ({}),
  }),
  defineAction({
    id: 'settings.integrationOrigins',
    aliases: [],
    title: 'Set integration origins',
    description: 'Sets the origins (such as tenant subdomains) Gong accepts as the iFrame source of the email composer, account pages or dialer integrations.',
    category: 'Settings', method: 'POST', path: '/v2/integration-settings', scope: 'api:integration-settings:write', readOnly: false,
    shape: () => ({
      integrationTypeSettings: objectList(z.looseObject({
        integrationType: enumOf(['EMAIL_COMPOSER', 'ACCOUNT_PAGES', 'DIALER'] as const, 'Integration type'),
        allowedOrigin: url('Origin allowed as the iFrame source, e.g. https://acme.my.example.com'),
      }), 'Origins per integration type, e.g. [{"integrationType":"DIALER","allowedOrigin":"https://acme.example.com"}]', { min: 1 }),
    }),
  }),
];

export const libraryActions: ActionDef[] = [
  defineAction({
    id: 'library.folders',
    aliases: ['GONG_RETRIEVE_LIBRARY_FOLDERS_V2_LIBRARY_FOLDERS'],
    title: 'List library folders',
    description: 'Public library folders (flat; the hierarchy is in parentFolderId).',
    category: 'Library', method: 'GET', path: '/v2/library/folders', scope: 'api:library:read', readOnly: true, emptyOn404: true,
    listKey: 'folders',
    shape: () => ({ workspaceId: gongId('workspace', 'Only folders of this workspace').optional() }),
    placement: { workspaceId: { in: 'query' } },
  }),
  defineAction({
    id: 'library.folderContent',
    aliases: ['GONG_LIST_FOLDER_CALLS'],
    title: 'List calls in a library folder',
    description: 'The calls and clips saved in one library folder.',
    category: 'Library', method: 'GET', path: '/v2/library/folder-content', scope: 'api:library:read', readOnly: true, emptyOn404: true,
    listKey: 'calls',
    shape: () => ({ folderId: gongId('folder', 'Library folder id') }),
    placement: { folderId: { in: 'query' } },
  }),
];
