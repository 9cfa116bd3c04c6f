import type { ActionDef } from '../types';
import { defineAction } from './define';
import { email, phone } from '../fields';

export const dataPrivacyActions: ActionDef[] = [
  defineAction({
    id: 'dataPrivacy.forEmail',
    aliases: ['GONG_RETRIEVE_DATA_PRIVACY_INFO_FOR_EMAIL_ADDRESS'],
    title: 'Find data for an email address',
    description: 'Emails, calls, meetings, CRM data and engagement events that mention an email address.',
    category: 'Data privacy', method: 'GET', path: '/v2/data-privacy/data-for-email-address', scope: 'api:data-privacy:read', readOnly: true,
    shape: () => ({ emailAddress: email('The email address') }),
    placement: { emailAddress: { in: 'query' } },
  }),
  defineAction({
    id: 'dataPrivacy.forPhone',
    aliases: ['GONG_DATA_PRIVACY_FOR_PHONE_NUMBER'],
    title: 'Find data for a phone number',
    description: 'Emails, calls, meetings and CRM data that mention a phone number.',
    category: 'Data privacy', method: 'GET', path: '/v2/data-privacy/data-for-phone-number', scope: 'api:data-privacy:read', readOnly: true,
    shape: () => ({ phoneNumber: phone('The phone number, with + and the country code') }),
    placement: { phoneNumber: { in: 'query' } },
  }),
  defineAction({
    id: 'dataPrivacy.eraseEmail',
    aliases: ['GONG_ERASE_DATA_FOR_EMAIL_ADDRESS'],
    title: 'Erase data for an email address',
    description: 'Permanently erases every call, email and record that mentions the address (completes within hours).',
    category: 'Data privacy', method: 'POST', path: '/v2/data-privacy/erase-data-for-email-address', scope: 'api:data-privacy:delete',
    readOnly: false, destructive: true, confirmField: 'emailAddress',
    shape: () => ({ emailAddress: email('The email address whose data is erased') }),
    placement: { emailAddress: { in: 'query' } },
  }),
  defineAction({
    id: 'dataPrivacy.erasePhone',
    aliases: ['GONG_ERASE_DATA_FOR_PHONE_NUMBER'],
    title: 'Erase data for a phone number',
    description: 'Permanently erases every call and record that mentions the phone number (completes within hours).',
    category: 'Data privacy', method: 'POST', path: '/v2/data-privacy/erase-data-for-phone-number', scope: 'api:data-privacy:delete',
    readOnly: false, destructive: true, confirmField: 'phoneNumber',
    shape: () => ({ phoneNumber: phone('The phone number whose data is erased, with + and the country code') }),
    placement: { phoneNumber: { in: 'query' } },
  }),
];
