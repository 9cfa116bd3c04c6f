import { z } from 'zod';
import type { ActionDef } from '../types';
import { defineAction } from './define';
import { email, enumOf, gongId, group, int, isoDateTime, objectList, phone, str, stringList } from '../fields';

const SYSTEMS = ['Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'] as const;

const crmContext = () => objectList(z.looseObject({
  system: enumOf(SYSTEMS, 'CRM system'),
  objects: objectList(z.looseObject({
    objectType: str('Object type, e.g. Account', { min: 1 }),
    objectId: str('Object id in the CRM', { min: 1 }),
    fields: objectList(z.looseObject({ name: str('Field name').optional(), value: z.unknown() }), 'Fields of the object (reserved by Gong for future use)').optional(),
  }), 'Objects').optional(),
}), 'CRM objects the event relates to');

const properties = (what: string) => objectList(z.looseObject({
  name: str('Name', { min: 1 }),
  value: str('Value'),
  dataType: enumOf(['number', 'string', 'url', 'date'] as const, 'Data type'),
}), what);

function actor(what: string) {
  return group({
    email: email('Email').optional(),
    name: str('Name').optional(),
    title: str('Job title').optional(),
    context: crmContext().optional(),
  }, what).optional();
}

const actorList = (what: string) => objectList(z.looseObject({
  email: email('Email'),
  name: str('Name').optional(),
  title: str('Job title').optional(),
  context: crmContext().optional(),
}), what);

const sharer = () => group({
  id: gongId('user', 'Gong user id of the sharer').optional(),
  email: email('Email of the sharer').optional(),
  name: str('Name of the sharer').optional(),
}, 'Who shared the content').optional();

/** Members every engagement event accepts. */
function common() {
  return {
    reportingSystem: str('Name of the system reporting the event', { min: 1 }),
    eventTimestamp: isoDateTime('When the event happened'),
    eventId: str('Your id of the event').optional(),
    crmContext: crmContext().optional(),
    contentProperties: properties('Properties of the content').optional(),
    eventProperties: properties('Properties of the event').optional(),
    workspaceId: gongId('workspace', 'Workspace').optional(),
    actionName: str('Name of the action').optional(),
    nonCompanyParticipants: actorList('Other participants outside the company').optional(),
    moreInfoUrl: str('URL with more information').optional(),
    trackingId: str('Tracking id of an anonymous visitor').optional(),
    mobileAppId: str('Mobile app id').optional(),
    agentPlatform: str('Platform, e.g. Windows, MacOS, iOS').optional(),
    userAgent: str('User agent').optional(),
    sharer: sharer(),
    sharingMessageSubject: str('Subject of the sharing message').optional(),
    sharingMessageBody: str('Body of the sharing message (HTML allowed)').optional(),
    shareId: str('Id of the share').optional(),
  };
}

const content = () => ({
  contentId: str('Id of the content', { min: 1 }),
  contentUrl: str('URL of the content', { min: 1 }),
  contentTitle: str('Title of the content', { min: 1 }),
});

const customFields = (what: string) => objectList(z.looseObject({
  name: str('Name', { min: 1 }),
  value: str('Value'),
  dataType: enumOf(['STRING', 'NUMBER', 'DATE', 'URL', 'BOOLEAN', 'DURATION'] as const, 'Data type').optional(),
}), what);

export const engagementActions: ActionDef[] = [
  defineAction({
    id: 'engagement.contentShared',
    aliases: ['GONG_REPORT_CONTENT_SHARE_EVENT', 'GONG_UPDATE_SHARED_CONTENT_EVENT'],
    title: 'Report a content share event',
    description: 'Tells Gong that content was shared with prospects (legacy; see digital interactions).',
    category: 'Engagement events', method: 'PUT', path: '/v2/customer-engagement/content/shared', scope: 'api:engagement-data:write', readOnly: false,
    shape: () => ({
      ...common(),
      ...content(),
      shareInfoUrl: str('URL with details of the share').optional(),
      recipients: actorList('Recipients of the shared content').optional(),
    }),
  }),
  defineAction({
    id: 'engagement.contentViewed',
    aliases: ['GONG_REPORT_CONTENT_VIEW_EVENT', 'GONG_REPORT_CONTENT_VIEWED_EVENT'],
    title: 'Report a content view event',
    description: 'Tells Gong that a prospect viewed content (legacy; see digital interactions).',
    category: 'Engagement events', method: 'PUT', path: '/v2/customer-engagement/content/viewed', scope: 'api:engagement-data:write', readOnly: false,
    shape: () => ({
      ...common(),
      ...content(),
      viewActionTitle: str('Title of the view action').optional(),
      viewInfoUrl: str('URL with details of the view').optional(),
      viewer: actor('Who viewed the content'),
    }),
    refine: v => (v.viewer !== undefined && v.trackingId !== undefined ? [{ path: 'trackingId', message: 'must be left out when a viewer is given' }] : []),
  }),
  defineAction({
    id: 'engagement.customAction',
    aliases: ['GONG_REPORT_CUSTOM_ENGAGEMENT_EVENT'],
    title: 'Report a custom engagement event',
    description: 'Tells Gong about any other engagement by a prospect (legacy; see digital interactions).',
    category: 'Engagement events', method: 'PUT', path: '/v2/customer-engagement/action', scope: 'api:engagement-data:write', readOnly: false,
    shape: () => ({
      ...common(),
      contentId: str('Id of the content').optional(),
      contentUrl: str('URL of the content').optional(),
      contentTitle: str('Title of the content').optional(),
      eventInfoUrl: str('URL with details of the event').optional(),
      actor: actor('Who did it'),
    }),
  }),
  defineAction({
    id: 'engagement.digitalInteraction',
    aliases: ['GONG_POST_A_DIGITAL_INTERACTION_V2_DIGITAL_INTERACTION'],
    title: 'Report a digital interaction',
    description: 'Reports a prospect\'s digital interaction (page view, form, search ...) with a person or a tracking id.',
    category: 'Engagement events', method: 'POST', path: '/v2/digital-interaction', scope: 'api:digital-interactions:write', readOnly: false,
    shape: () => ({
      eventId: str('Your unique id of the event (deduplication key)', { min: 1 }),
      timestamp: isoDateTime('When the interaction happened'),
      eventType: str('Type of event, e.g. page viewed', { min: 1 }),
      content: group({
        contentTitle: str('Title of the content', { min: 1 }),
        contentId: str('Id of the content').optional(),
        contentLabel: stringList('Labels of the content').optional(),
        contentUrl: str('URL of the content').optional(),
        contentAdditionalInfoUrl: str('URL with more information').optional(),
        numericContentDetails: group({
          value: int('Value').optional(),
          rangeFrom: int('Lowest value'),
          rangeTo: int('Highest value'),
          numericType: enumOf(['PERCENTAGE', 'NPS', 'RATING', 'OTHER'] as const, 'Kind of number').optional(),
        }, 'A numeric answer (ratings, NPS ...)').optional(),
        stepContentDetails: group({
          value: str('Current step'),
          availableSteps: stringList('All steps'),
        }, 'A step in a sequence').optional(),
        searchObjectDetails: group({
          name: str('Name'),
          objectType: enumOf(['VENDOR', 'PRODUCT', 'CATEGORY'] as const, 'Kind of object searched'),
          domain: str('Domain'),
          objectId: str('Id of the object').optional(),
          url: str('URL of the object').optional(),
        }, 'A searched object').optional(),
        contentCustomFields: customFields('Custom fields of the content').optional(),
      }, 'The content interacted with'),
      sourceSystemName: str('Name of the reporting system').optional(),
      sessionId: str('Session id').optional(),
      device: enumOf(['MOBILE', 'PC'] as const, 'Device').optional(),
      person: group({
        name: str('Name').optional(),
        email: email('Email').optional(),
        phoneNumber: phone('Phone number').optional(),
        personId: str('Your id of the person').optional(),
        personBusinessContext: group({
          objectType: enumOf(['CONTACT', 'LEAD'] as const, 'CRM object type'),
          objectId: str('CRM object id'),
          systemName: str('CRM system').optional(),
        }, 'The CRM contact or lead').optional(),
        location: group({
          country: str('Country').optional(),
          state: str('State').optional(),
          region: str('Region').optional(),
          city: str('City').optional(),
        }, 'Where the person is').optional(),
        company: group({
          companyId: str('Company id').optional(),
          name: str('Name').optional(),
          domain: str('Domain').optional(),
          companyBusinessContexts: objectList(z.looseObject({
            objectType: enumOf(['ACCOUNT', 'OPPORTUNITY'] as const, 'CRM object type'),
            objectId: str('CRM object id'),
            systemName: str('CRM system').optional(),
          }), 'CRM accounts or opportunities').optional(),
        }, 'The person\'s company').optional(),
        personCustomFields: customFields('Custom fields of the person').optional(),
      }, 'Who interacted (or give trackingId instead)').optional(),
      customFields: customFields('Custom fields of the event').optional(),
      trackingId: str('Tracking id of an anonymous visitor (instead of person)').optional(),
    }),
    refine: v => (v.person !== undefined && v.trackingId !== undefined ? [{ path: 'trackingId', message: 'give either person or trackingId, not both' }] : []),
  }),
];
