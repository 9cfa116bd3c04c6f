import { z } from 'zod';
import type { ActionDef } from '../types';
import { defineAction, ordered } from './define';
import { bool, email, enumList, enumOf, filePath, gongId, group, idList, int, isoDateTime, num, objectList, str } from '../fields';

const DIRECTIONS = ['Inbound', 'Outbound', 'Conference', 'Unknown'] as const;
const CRM_SYSTEMS = ['Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'] as const;

/** `context` entries of POST /v2/calls and of parties: references to CRM objects. */
const callContext = () => objectList(
  z.looseObject({
    system: enumOf(CRM_SYSTEMS, 'CRM or other external system'),
    objects: objectList(z.looseObject({
      objectType: enumOf(['Opportunity', 'Account', 'Lead', 'Contact', 'User'] as const, 'Type of the CRM object'),
      objectId: str('Id of the object in the external system', { min: 1 }),
      fields: objectList(z.looseObject({ name: str('Field name'), value: z.unknown() }), 'Extra fields of the object').optional(),
    }), 'Objects in that system').optional(),
  }),
  'References to external systems (CRM, telephony, case management)',
);

const accessList = () => objectList(
  z.looseObject({
    callId: gongId('call', 'Call id'),
    userIds: idList('user', 'Users (ids)', { min: 1 }),
  }),
  'Calls and the users to act on, e.g. [{"callId":"123","userIds":["456"]}]',
  { min: 1 },
);

const callsFilter = () => ({
  fromDateTime: isoDateTime('Calls that started at or after this time (inclusive)').optional(),
  toDateTime: isoDateTime('Calls that started before this time (exclusive)').optional(),
  workspaceId: gongId('workspace', 'Only calls of this workspace').optional(),
  callIds: idList('call', 'Only these calls').optional(),
});

export const callActions: ActionDef[] = [
  defineAction({
    id: 'calls.list',
    aliases: ['GONG_RETRIEVE_CALL_DATA_BY_DATE_RANGE_V2_CALLS'],
    title: 'List calls by date range',
    description: 'Basic data of the calls that started in a date range, or of every call when no dates are given (100 a page). No matching call is an empty list.',
    category: 'Calls', method: 'GET', path: '/v2/calls', scope: 'api:calls:read:basic',
    paging: 'query-cursor', readOnly: true, emptyOn404: true, listKey: 'calls',
    // Both dates are optional: without them Gong lists all calls (recorded live).
    shape: () => ({
      fromDateTime: isoDateTime('Calls that started at or after this time (inclusive; from the first call when omitted)').optional(),
      toDateTime: isoDateTime('Calls that started before this time (exclusive; up to now when omitted)').optional(),
      workspaceId: gongId('workspace', 'Only calls of this workspace').optional(),
    }),
    placement: { fromDateTime: { in: 'query' }, toDateTime: { in: 'query' }, workspaceId: { in: 'query' } },
    refine: v => ordered(v, 'fromDateTime', 'toDateTime'),
  }),
  defineAction({
    id: 'calls.get',
    aliases: ['GONG_GET_CALL_BY_ID', 'GONG_RETRIEVE_DATA_FOR_A_SPECIFIC_CALL_V2_CALLS_ID'],
    title: 'Get a call',
    description: 'Basic data of one call (metadata only; parties and content come from the extensive call data).',
    category: 'Calls', method: 'GET', path: '/v2/calls/{id}', scope: 'api:calls:read:basic', readOnly: true,
    shape: () => ({ id: gongId('call', 'Call id') }),
    placement: { id: { in: 'path' } },
    inputAliases: { call_id: 'id' },
  }),
  defineAction({
    id: 'calls.create',
    aliases: ['GONG_ADD_NEW_CALL_V2_CALLS'],
    title: 'Add a new call',
    description: 'Registers a call recorded elsewhere. Give downloadMediaUrl, or upload the recording afterwards with "Add call media" and the returned callId.',
    category: 'Calls', method: 'POST', path: '/v2/calls', scope: 'api:calls:create', readOnly: false,
    shape: () => ({
      clientUniqueId: str('Unique id of the call in the source system (deduplication key)', { min: 1, max: 2048 }),
      actualStart: isoDateTime('When the call actually started'),
      direction: enumOf(DIRECTIONS, 'Inbound, outbound or conference call'),
      primaryUser: gongId('user', 'Gong user id of the call host'),
      parties: objectList(z.looseObject({
        phoneNumber: str('Phone number of the party').optional(),
        emailAddress: email('Email address of the party').optional(),
        name: str('Name of the party').optional(),
        partyId: str('Party id, needed only with speakersTimeline').optional(),
        mediaChannelId: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1' }).optional(),
        userId: gongId('user', 'Gong user id when the party is a user').optional(),
        context: callContext().optional(),
      }), 'The participants; one must be the primary user, e.g. [{"userId":"123","name":"Ana"}]', { min: 1 }),
      title: str('Title of the call').optional(),
      purpose: str('Purpose of the call', { max: 255 }).optional(),
      disposition: str('Disposition of the call', { max: 255 }).optional(),
      scheduledStart: isoDateTime('Scheduled start').optional(),
      scheduledEnd: isoDateTime('Scheduled end').optional(),
      duration: num('Actual duration in seconds').optional(),
      context: callContext().optional(),
      customData: str('Free text metadata kept for troubleshooting').optional(),
      speakersTimeline: group({
        precise: bool('Whether the timeline is precise').optional(),
        speechSegments: objectList(z.looseObject({
          fromTime: int('Start of the segment in ms', { min: 0 }),
          toTime: int('End of the segment in ms', { min: 0 }),
          partyIds: z.array(z.string()).min(1),
        }), 'Who spoke when').optional(),
      }, 'Who spoke when (overrides parties[].mediaChannelId)').optional(),
      meetingUrl: str('URL of the conference call').optional(),
      callProviderCode: str('Telephony or conferencing provider code').optional(),
      downloadMediaUrl: str('URL Gong downloads the recording from (up to 1.5 GB)').optional(),
      workspaceId: gongId('workspace', 'Workspace of the call').optional(),
      languageCode: str('Language of the call, e.g. en-US').optional(),
      flowContext: group({
        taskId: str('Id of the Engage task the call was made for').optional(),
      }, 'The Engage flow task the call belongs to').optional(),
    }),
    refine: v => {
      const parties = Array.isArray(v.parties) ? v.parties as Array<Record<string, unknown>> : [];
      // Gong needs a party for the host. When every party names a user id, one must be the host's; a party
      // given only by email or phone may be the host, so that case is left to Gong.
      return parties.some(p => p.userId === v.primaryUser) || parties.some(p => p.userId === undefined)
        ? [] : [{ path: 'parties', message: 'must include a party for the primary user (userId equal to primaryUser)' }];
    },
  }),
  defineAction({
    id: 'calls.addMedia',
    aliases: ['GONG_ADD_CALL_MEDIA_V2_CALLS_ID_MEDIA'],
    title: 'Add call media',
    description: 'Uploads the recording (WAV, MP3, MP4, MKV, FLAC; up to 1.5 GB) of a call created with "Add a new call".',
    category: 'Calls', method: 'PUT', path: '/v2/calls/{id}/media', scope: 'api:calls:create', readOnly: false,
    shape: () => ({
      id: gongId('call', 'callId returned by "Add a new call"'),
      mediaFile: filePath('Path of the recording file to upload'),
    }),
    placement: { id: { in: 'path' }, mediaFile: { in: 'multipart' } },
  }),
  defineAction({
    id: 'calls.extensive',
    aliases: ['GONG_RETRIEVE_FILTERED_CALL_DETAILS'],
    title: 'Get detailed call data',
    description: 'Calls with parties, content (topics, trackers, brief, outline ...), interaction stats, comments and media URLs, as selected.',
    category: 'Calls', method: 'POST', path: '/v2/calls/extensive', scope: 'api:calls:read:extensive',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'calls',
    shape: () => ({
      filter: group({ ...callsFilter(), primaryUserIds: idList('user', 'Only calls hosted by these users').optional() }, 'Which calls').prefault({}),
      contentSelector: group({
        context: enumOf(['None', 'Basic', 'Extended'] as const, 'CRM context to include').optional(),
        contextTiming: enumList(['Now', 'TimeOfCall'] as const, 'CRM context as of now or as of the call (with Extended)').optional(),
        exposedFields: group({
          parties: bool('Include the parties').optional(),
          media: bool('Include audio/video URLs (valid 8 hours; needs api:calls:read:media-url)').optional(),
          content: group({
            structure: bool('Agenda structure').optional(),
            topics: bool('Topics').optional(),
            trackers: bool('Trackers').optional(),
            trackerOccurrences: bool('Tracker occurrences (with trackers; calls since 2023)').optional(),
            pointsOfInterest: bool('Points of interest (deprecated)').optional(),
            brief: bool('Brief').optional(),
            outline: bool('Outline').optional(),
            highlights: bool('Highlights').optional(),
            callOutcome: bool('Call outcome').optional(),
            keyPoints: bool('Key points').optional(),
          }, 'Content to include').optional(),
          interaction: group({
            speakers: bool('Speakers and talk time').optional(),
            video: bool('Video statistics').optional(),
            personInteractionStats: bool('Interaction stats').optional(),
            questions: bool('Question counts').optional(),
          }, 'Interaction data to include').optional(),
          collaboration: group({
            publicComments: bool('Public comments').optional(),
          }, 'Collaboration data to include').optional(),
        }, 'Which parts of each call to return').optional(),
      }, 'What to return for each call').optional(),
    }),
    // One seed list puts personInteractionStats directly under exposedFields; Gong reads it under interaction.
    inputAliases: { contentSelector__exposedFields__personInteractionStats: 'contentSelector.exposedFields.interaction.personInteractionStats' },
  }),
  defineAction({
    id: 'calls.transcript',
    aliases: ['GONG_GET_CALL_TRANSCRIPT', 'GONG_RETRIEVE_TRANSCRIPTS_OF_CALLS_V2_CALLS_TRANSCRIPT'],
    title: 'Get call transcripts',
    description: 'Transcripts (speaker, topic, sentences with millisecond offsets) of the calls that match the filter.',
    category: 'Calls', method: 'POST', path: '/v2/calls/transcript', scope: 'api:calls:read:transcript',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'callTranscripts',
    shape: () => ({ filter: group(callsFilter(), 'Which calls').prefault({}) }),
  }),
  defineAction({
    id: 'calls.manualCrmAssociations',
    aliases: ['GONG_RETRIEVE_MANUAL_CRM_CALL_ASSOCIATIONS'],
    title: 'List manual CRM call associations',
    description: 'Calls users associated manually with CRM accounts and deals (Beta; absent from the 2026 API document).',
    category: 'Calls', method: 'GET', path: '/v2/calls/manual-crm-associations', scope: 'api:crm-calls:manual-association:read',
    paging: 'query-cursor', readOnly: true, listKey: 'associations',
    shape: () => ({ fromDateTime: isoDateTime('Associations made at or after this time (all when omitted)').optional() }),
    placement: { fromDateTime: { in: 'query' } },
  }),
  defineAction({
    id: 'calls.usersAccess.get',
    aliases: ['GONG_MANAGE_USER_CALL_ACCESS'],
    title: 'Get user call access',
    description: 'Which users were given individual access to the calls through the API (a read, sent as POST).',
    category: 'Calls', method: 'POST', path: '/v2/calls/users-access', scope: 'api:call-user-access:read',
    readOnly: true, listKey: 'callAccessList',
    shape: () => ({ filter: group({ callIds: idList('call', 'The calls', { min: 1 }) }, 'Which calls') }),
  }),
  defineAction({
    id: 'calls.usersAccess.set',
    aliases: ['GONG_SET_USER_CALL_ACCESS'],
    title: 'Give users access to calls',
    description: 'Gives users individual access to calls. Users who already have access are unaffected.',
    category: 'Calls', method: 'PUT', path: '/v2/calls/users-access', scope: 'api:call-user-access:write', readOnly: false,
    shape: () => ({ callAccessList: accessList() }),
  }),
  defineAction({
    id: 'calls.usersAccess.remove',
    aliases: ['GONG_DELETE_USERS_FROM_CALL_ACCESS_LIST'],
    title: 'Remove users from call access',
    description: 'Removes individual access given through the API. Unknown users are ignored.',
    category: 'Calls', method: 'DELETE', path: '/v2/calls/users-access', scope: 'api:call-user-access:write',
    readOnly: false, destructive: true, confirmField: 'callAccessList.0.callId',
    shape: () => ({ callAccessList: accessList() }),
  }),
];
