import { z } from 'zod';
import type { ActionDef } from '../types';
import { defineAction, ordered } from './define';
import { email, emailList, gongId, isoDateTime, objectList, str } from '../fields';

/** Create and update take the same body; invitees are objects, not bare addresses (the seeds are wrong there). */
function meetingShape() {
  return {
    startTime: isoDateTime('Start of the meeting'),
    endTime: isoDateTime('End of the meeting'),
    organizerEmail: email('Email of the Gong user who organizes the meeting'),
    invitees: objectList(z.looseObject({
      email: email('Invitee email'),
      displayName: str('Display name').optional(),
      firstName: str('First name').optional(),
      lastName: str('Last name').optional(),
    }), 'Invitees other than the organizer, e.g. [{"email":"ana@example.com"}]'),
    title: str('Title of the meeting').optional(),
    externalId: str('Id of the meeting in your system').optional(),
    provider: str('Conferencing provider, e.g. zoom (the organizer\'s default when omitted)').optional(),
  };
}

export const meetingActions: ActionDef[] = [
  defineAction({
    id: 'meetings.create',
    aliases: ['GONG_CREATE_A_NEW_GONG_MEETING_V2_MEETINGS'],
    title: 'Create a Gong meeting',
    description: 'Creates a meeting Gong records; answers with its id, URL and invitees to add to the calendar invite (Beta).',
    category: 'Meetings', method: 'POST', path: '/v2/meetings', scope: 'api:meetings:user:create', readOnly: false,
    shape: meetingShape,
    refine: v => ordered(v, 'startTime', 'endTime'),
  }),
  defineAction({
    id: 'meetings.update',
    aliases: ['GONG_UPDATE_A_GONG_MEETING_V2_MEETINGS_MEETING_ID'],
    title: 'Update a Gong meeting',
    description: 'Replaces a meeting\'s time, organizer, invitees and title (Beta).',
    category: 'Meetings', method: 'PUT', path: '/v2/meetings/{meetingId}', scope: 'api:meetings:user:update', readOnly: false,
    shape: () => ({ meetingId: gongId('meeting', 'Meeting id'), ...meetingShape() }),
    placement: { meetingId: { in: 'path' } },
    inputAliases: { meeting_id: 'meetingId' },
    refine: v => ordered(v, 'startTime', 'endTime'),
  }),
  defineAction({
    id: 'meetings.delete',
    aliases: ['GONG_DELETE_MEETING', 'GONG_DELETE_A_GONG_MEETING_V2_MEETINGS'],
    title: 'Delete a Gong meeting',
    description: 'Deletes a meeting created through the API (Beta).',
    category: 'Meetings', method: 'DELETE', path: '/v2/meetings/{meetingId}', scope: 'api:meetings:user:delete',
    readOnly: false, destructive: true, confirmField: 'meetingId',
    shape: () => ({
      meetingId: gongId('meeting', 'Meeting id'),
      organizerEmail: email('Email of the meeting\'s organizer'),
    }),
    placement: { meetingId: { in: 'path' } },
    inputAliases: { meeting_id: 'meetingId', organizer_email: 'organizerEmail' },
  }),
  defineAction({
    id: 'meetings.integrationStatus',
    aliases: ['GONG_VALIDATE_MEETING_INTEGRATION', 'GONG_POST_MEETING_INTEGRATION_STATUS'],
    title: 'Validate meeting integration',
    description: 'Whether each user exists in Gong and has a working meeting integration (a read, sent as POST).',
    category: 'Meetings', method: 'POST', path: '/v2/meetings/integration/status', scope: 'api:meetings:integration:status',
    readOnly: true, listKey: 'users',
    shape: () => ({ emails: emailList('Email addresses of the users to check', { min: 1, max: 100 }) }),
    inputAliases: { user_emails: 'emails' },
  }),
];
