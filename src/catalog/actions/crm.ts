import type { ActionDef } from '../types';
import { defineAction } from './define';
import { z } from 'zod';
import { bool, clientRequestId, email, enumOf, filePath, gongId, isoDateTime, objectList, str, stringList } from '../fields';

const READ_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
const UPLOAD_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD', 'BUSINESS_USER', 'STAGE'] as const;
const FIELD_TYPES = [
  'DATE', 'DATETIME', 'NUMBER', 'PERCENT', 'CURRENCY', 'ID', 'URL', 'STRING', 'BOOLEAN', 'PHONENUMBER', 'EMAILADDRESS', 'PICKLIST', 'REFERENCE', 'STRINGARRAY',
] as const;

export const crmActions: ActionDef[] = [
  defineAction({
    id: 'crm.registerIntegration',
    aliases: ['GONG_REGISTER_CRM_INTEGRATION'],
    title: 'Register the generic CRM integration',
    description: 'Creates the company\'s single generic CRM integration (409 when one already exists).',
    category: 'CRM', method: 'PUT', path: '/v2/crm/integrations', scope: 'api:crm:integration:register', readOnly: false,
    shape: () => ({
      name: str('Name of the integration', { min: 1 }),
      ownerEmail: email('Email of the Gong user who owns the integration'),
    }),
  }),
  defineAction({
    id: 'crm.getIntegrations',
    aliases: ['GONG_GET_CRM_INTEGRATION_DETAILS'],
    title: 'Get the generic CRM integration',
    description: 'The generic CRM integration, if any (native integrations are not listed).',
    category: 'CRM', method: 'GET', path: '/v2/crm/integrations', scope: 'api:crm:integrations:read', readOnly: true,
    listKey: 'integrations',
    shape: () => ({}),
  }),
  defineAction({
    id: 'crm.deleteIntegration',
    aliases: ['GONG_DELETE_A_GENERIC_CRM_INTEGRATION_V2_CRM_INTEGRATIONS'],
    title: 'Delete the generic CRM integration',
    description: 'Deletes the integration and all its CRM objects (asynchronous; follow it with "Get CRM request status").',
    category: 'CRM', method: 'DELETE', path: '/v2/crm/integrations', scope: 'api:crm:integration:delete',
    readOnly: false, destructive: true, confirmField: 'integrationId',
    shape: () => ({
      integrationId: gongId('integration', 'Integration id'),
      clientRequestId: clientRequestId('Your id for this request, to poll its status'),
    }),
    placement: { integrationId: { in: 'query' }, clientRequestId: { in: 'query' } },
  }),
  defineAction({
    id: 'crm.getEntities',
    aliases: ['GONG_GET_CRM_OBJECTS_V2_CRM_ENTITIES'],
    title: 'Get uploaded CRM objects',
    description: 'Reads back CRM objects uploaded to the generic integration, by CRM id (sent as the JSON body of a GET).',
    category: 'CRM', method: 'GET', path: '/v2/crm/entities', scope: 'api:crm:get-objects', readOnly: true,
    shape: () => ({
      integrationId: gongId('integration', 'Integration id'),
      objectType: enumOf(READ_TYPES, 'Type of the objects'),
      objectsCrmIds: stringList('CRM ids of the objects (at most 100)', { min: 1, max: 100 }),
    }),
    placement: { integrationId: { in: 'query' }, objectType: { in: 'query' }, objectsCrmIds: { in: 'body', bodyRoot: true } },
  }),
  defineAction({
    id: 'crm.uploadEntities',
    aliases: ['GONG_UPLOAD_CRM_OBJECTS_V2_CRM_ENTITIES'],
    title: 'Upload CRM objects',
    description: 'Uploads a line-delimited JSON file of CRM objects of one type (asynchronous; follow it with "Get CRM request status").',
    category: 'CRM', method: 'POST', path: '/v2/crm/entities', scope: 'api:crm:upload', readOnly: false,
    shape: () => ({
      integrationId: gongId('integration', 'Integration id'),
      objectType: enumOf(UPLOAD_TYPES, 'Type of the objects in the file'),
      clientRequestId: clientRequestId('Your id for this upload, to poll its status'),
      dataFile: filePath('Path of the LDJSON file (one flat JSON object per line, up to 200 MB)'),
    }),
    placement: { integrationId: { in: 'query' }, objectType: { in: 'query' }, clientRequestId: { in: 'query' }, dataFile: { in: 'multipart' } },
  }),
  defineAction({
    id: 'crm.entitySchema',
    aliases: ['GONG_LIST_SCHEMA_FIELDS_V2_CRM_ENTITY_SCHEMA'],
    title: 'List CRM schema fields',
    description: 'Custom fields declared for the generic integration\'s object types.',
    category: 'CRM', method: 'GET', path: '/v2/crm/entity-schema', scope: 'api:crm:schema', readOnly: true,
    shape: () => ({
      integrationId: gongId('integration', 'Integration id'),
      objectType: enumOf(READ_TYPES, 'Type of the objects (all types when omitted)').optional(),
    }),
    placement: { integrationId: { in: 'query' }, objectType: { in: 'query' } },
  }),
  defineAction({
    id: 'crm.setSchema',
    aliases: [],
    title: 'Add or change CRM schema fields',
    description: 'Adds, edits or (with isDeleted) removes custom fields of one object type of the generic integration.',
    category: 'CRM', method: 'POST', path: '/v2/crm/entity-schema', scope: 'api:crm:schema', readOnly: false,
    shape: () => ({
      integrationId: gongId('integration', 'Integration id'),
      objectType: enumOf(READ_TYPES, 'Type of the objects the fields belong to'),
      fields: objectList(z.looseObject({
        uniqueName: str('Unique name of the field in the CRM', { min: 1 }),
        label: str('Label shown in Gong', { min: 1 }),
        type: enumOf(FIELD_TYPES, 'Field type'),
        lastModified: isoDateTime('When the field last changed (no milliseconds)').optional(),
        isDeleted: bool('Delete the field and its values from every object').optional(),
        referenceTo: enumOf(['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD', 'USER'] as const, 'With REFERENCE: the object type it points to').optional(),
        orderedValueList: stringList('With PICKLIST: the values, in order').optional(),
      }), 'The fields, e.g. [{"uniqueName":"tier__c","label":"Tier","type":"STRING"}]', { min: 1 }),
    }),
    placement: { integrationId: { in: 'query' }, objectType: { in: 'query' }, fields: { in: 'body', bodyRoot: true } },
    refine: v => (Array.isArray(v.fields) ? v.fields as Array<Record<string, unknown>> : []).flatMap((f, i) => [
      ...(f.type === 'REFERENCE' && f.referenceTo === undefined ? [{ path: `fields.${i}.referenceTo`, message: 'is required for a REFERENCE field' }] : []),
      ...(f.type === 'PICKLIST' && !(Array.isArray(f.orderedValueList) && f.orderedValueList.length > 0) ? [{ path: `fields.${i}.orderedValueList`, message: 'is required for a PICKLIST field' }] : []),
    ]),
  }),
  defineAction({
    id: 'crm.requestStatus',
    aliases: ['GONG_GET_REQUEST_STATUS_V2_CRM_REQUEST_STATUS'],
    title: 'Get CRM request status',
    description: 'Progress of an upload or integration delete: PENDING, IN_PROGRESS, DONE or FAILED with line errors.',
    category: 'CRM', method: 'GET', path: '/v2/crm/request-status', scope: 'api:crm:upload', readOnly: true,
    shape: () => ({
      integrationId: gongId('integration', 'Integration id'),
      clientRequestId: clientRequestId('The clientRequestId of the upload or delete'),
    }),
    placement: { integrationId: { in: 'query' }, clientRequestId: { in: 'query' } },
  }),
];
