/**
 * The generic CRM integration API: register / read / delete the single integration, upload CRM
 * objects (multipart LDJSON, asynchronous), read them back, the custom-field schema and the status
 * of asynchronous requests. Uploads and deletes are applied when their request finishes: each
 * GET /v2/crm/request-status moves a request one step (PENDING -> IN_PROGRESS -> DONE/FAILED), so a
 * client that polls sees Gong's states in order. `integrationId` is a bare JSON number (bareId).
 * A request with any failed line ends FAILED (as Gong's own example does) while its good lines still
 * apply, so a client sees both the errors and the objects that made it.
 */

import type { LocalRequest, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { MultipartTextRoute } from '../multipart';
import type { World } from '../model';
import {
  badRequest, bareId, bodyObject, checkEnum, isEmail, isRecord, optString, optStringArray, perWorld, reqQuery, reqString,
} from '../extra/util';

const READ_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
const UPLOAD_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD', 'BUSINESS_USER', 'STAGE'] as const;
type UploadType = (typeof UPLOAD_TYPES)[number];
type RequestStatus = 'PENDING' | 'IN_PROGRESS' | 'DONE' | 'FAILED';

export interface LgCrmIntegration { integrationId: string; name: string; ownerEmail: string }

interface CrmRequest {
  integrationId: string;
  kind: 'upload' | 'delete';
  objectType?: UploadType;
  status: RequestStatus;
  /** Parsed lines to apply when the request finishes (undefined when the file's text was not available). */
  lines?: Array<Record<string, unknown>>;
  errors: Array<{ line: number; description: string }>;
  totalErrorCount: number;
  totalSuccessCount: number;
}

const SCHEMA: Record<string, Array<Record<string, unknown>>> = {
  ACCOUNT: [
    { uniqueName: 'segment', label: 'Segment', type: 'PICKLIST', lastModified: null, isDeleted: false, referenceTo: null, orderedValueList: ['SMB', 'Mid-Market', 'Enterprise'] },
    { uniqueName: 'parentAccount', label: 'Parent Account', type: 'REFERENCE', lastModified: null, isDeleted: false, referenceTo: 'ACCOUNT', orderedValueList: null },
  ],
  CONTACT: [
    { uniqueName: 'leadSource', label: 'Lead Source', type: 'STRING', lastModified: null, isDeleted: false, referenceTo: null, orderedValueList: null },
  ],
  DEAL: [
    { uniqueName: 'forecastCategory', label: 'Forecast Category', type: 'PICKLIST', lastModified: null, isDeleted: false, referenceTo: null, orderedValueList: ['Pipeline', 'Best Case', 'Commit', 'Closed'] },
    { uniqueName: 'nextStepDate', label: 'Next Step Date', type: 'DATE', lastModified: null, isDeleted: false, referenceTo: null, orderedValueList: null },
  ],
  LEAD: [],
};

interface CrmState {
  integration: LgCrmIntegration | null;
  objects: Map<string, Map<string, Record<string, unknown>>>;
  requests: Map<string, CrmRequest>;
  /** Custom fields per object type: a starting set, extended by POST /v2/crm/entity-schema. */
  schema: Map<string, Array<Record<string, unknown>>>;
}

const stateOf = perWorld<CrmState>(() => ({
  integration: null, objects: new Map(), requests: new Map(),
  schema: new Map(Object.entries(SCHEMA).map(([k, v]) => [k, v.map(f => ({ ...f }))])),
}));

/** The registered generic integration, if any (for tests and other modules). */
export function crmIntegrationOf(world: World): LgCrmIntegration | null {
  return stateOf(world).integration;
}

/** Uploaded objects of one type, by CRM id (for tests and the data-privacy routes). */
export function crmObjectsOf(world: World, objectType: string): Map<string, Record<string, unknown>> {
  const state = stateOf(world);
  let m = state.objects.get(objectType);
  if (!m) state.objects.set(objectType, (m = new Map<string, Record<string, unknown>>()));
  return m;
}

/** Removes uploaded CONTACT/LEAD objects carrying an erased email address; returns how many went. */
export function eraseCrmFor(world: World, email: string): number {
  const lower = email.toLowerCase();
  let n = 0;
  for (const type of ['CONTACT', 'LEAD']) {
    const m = crmObjectsOf(world, type);
    for (const [id, o] of m) if (typeof o.emailAddress === 'string' && o.emailAddress.toLowerCase() === lower) { m.delete(id); n++; }
  }
  return n;
}


const FIELD_TYPES = [
  'DATE', 'DATETIME', 'NUMBER', 'PERCENT', 'CURRENCY', 'ID', 'URL', 'STRING', 'BOOLEAN', 'PHONENUMBER', 'EMAILADDRESS', 'PICKLIST', 'REFERENCE', 'STRINGARRAY',
] as const;
const CLIENT_REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
const OBJECT_ID = /^[A-Za-z0-9-]{1,64}$/;
const NO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:?\d{2})$/;
/**
 * The most `dataFile` bytes the local Gong reads as text. Gong takes 200 MB, but holding that in
 * memory to fill a test double is not worth it; larger files are still received and counted, then refused.
 */
export const CRM_TEXT_BYTES = 8 * 1024 * 1024;

function integrationParam(req: LocalRequest, world: World): LgCrmIntegration {
  const raw = reqQuery(req.query, 'integrationId');
  if (!/^\d{1,20}$/.test(raw)) badRequest(`integrationId must be the integration's numeric id (got '${raw}')`);
  const current = stateOf(world).integration;
  if (!current || current.integrationId !== raw) badRequest(`Integration ${raw} was not found`);
  return current;
}

function clientRequestIdParam(req: LocalRequest): string {
  const id = reqQuery(req.query, 'clientRequestId');
  if (!CLIENT_REQUEST_ID.test(id)) badRequest('clientRequestId may contain only letters, digits, - and _');
  return id;
}

function newRequest(world: World, clientRequestId: string, request: CrmRequest): void {
  const state = stateOf(world);
  if (state.requests.has(clientRequestId)) throw new LocalHttpError(409, [`clientRequestId ${clientRequestId} was already used`]);
  state.requests.set(clientRequestId, request);
}

/**
 * The text of the uploaded `dataFile`: a plain form field, or a file part whose text the server kept
 * because this route declares `multipartText`. `dropped` when the part was over CRM_TEXT_BYTES.
 * (LocalRequest types file parts by size only, so the extra keys are read as unknown.)
 */
function dataFileText(req: LocalRequest): { text: string } | { dropped: true } | undefined {
  const field = req.multipart?.fields.dataFile;
  if (field !== undefined) return { text: field };
  const file: unknown = req.multipart?.files.dataFile;
  if (!isRecord(file)) return undefined;
  if (typeof file.text === 'string') return { text: file.text };
  if (file.textDropped === true) return { dropped: true };
  return undefined;
}

function checkLines(text: string, type: UploadType): Pick<CrmRequest, 'lines' | 'errors' | 'totalErrorCount' | 'totalSuccessCount'> {
  const errors: Array<{ line: number; description: string }> = [];
  const lines: Array<Record<string, unknown>> = [];
  let errorCount = 0;
  const fail = (line: number, description: string): void => {
    errorCount++;
    if (errors.length < 20) errors.push({ line, description });
  };
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  raw.forEach((line, i) => {
    if (line.trim() === '') return;
    let o: unknown;
    try { o = JSON.parse(line); } catch { fail(i + 1, 'Line is not valid JSON'); return; }
    if (!isRecord(o)) { fail(i + 1, 'Line is not a JSON object'); return; }
    const missing = (k: string): boolean => o === null || !isRecord(o) || o[k] === undefined || o[k] === null || o[k] === '';
    const mandatory = ['objectId', ...(type === 'STAGE' ? ['name'] : ['modifiedDate']), ...(type === 'BUSINESS_USER' ? ['emailAddress'] : [])];
    const absent = mandatory.find(missing);
    if (absent) { fail(i + 1, `Mandatory field [${absent}] is missing or empty`); return; }
    const id = String(o.objectId);
    if (id.length > 64 || !(OBJECT_ID.test(id) || isEmail(id))) { fail(i + 1, `Invalid objectId [${id}]`); return; }
    if (type !== 'STAGE' && !NO_MS.test(String(o.modifiedDate))) { fail(i + 1, `Invalid modifiedDate [${String(o.modifiedDate)}]: ISO-8601 without milliseconds expected`); return; }
    lines.push(o);
  });
  if (lines.length === 0 && errorCount === 0) fail(0, 'The file contains no objects');
  return { lines, errors, totalErrorCount: errorCount, totalSuccessCount: lines.length };
}

/** Moves a request one state on and applies its effect when it finishes. */
function advance(world: World, r: CrmRequest): void {
  const state = stateOf(world);
  if (r.status === 'PENDING') { r.status = 'IN_PROGRESS'; return; }
  if (r.status !== 'IN_PROGRESS') return;
  if (r.kind === 'delete') {
    state.objects.clear();
    r.status = 'DONE';
    return;
  }
  if (r.lines && r.objectType && state.integration?.integrationId === r.integrationId) {
    const m = crmObjectsOf(world, r.objectType);
    for (const line of r.lines) {
      const id = String(line.objectId);
      if (line.isDeleted === true) m.delete(id); else m.set(id, line);
    }
  }
  r.status = r.totalErrorCount > 0 ? 'FAILED' : 'DONE';
}

/** POST /v2/crm/entities: declares `multipartText` so the server keeps the dataFile's text (bounded). */
const uploadRoute: RouteDef & MultipartTextRoute = {
  method: 'POST', path: '/v2/crm/entities', scope: 'api:crm:upload',
  multipartText: { dataFile: CRM_TEXT_BYTES },
  handler: (req, ctx) => {
    const integration = integrationParam(req, ctx.world);
    const type = checkEnum(reqQuery(req.query, 'objectType'), UPLOAD_TYPES, 'objectType');
    const clientRequestId = clientRequestIdParam(req);
    const hasFile = req.multipart?.files.dataFile !== undefined || req.multipart?.fields.dataFile !== undefined;
    if (!hasFile) badRequest('dataFile part is missing');
    const size = req.multipart?.files.dataFile?.size;
    if (size !== undefined && size > 200 * 1024 * 1024) badRequest('dataFile is larger than 200 MB');
    const file = dataFileText(req);
    if (file !== undefined && 'dropped' in file) {
      badRequest(`dataFile is ${size ?? 'more than ' + CRM_TEXT_BYTES} bytes; the local Gong reads CRM files of at most ${CRM_TEXT_BYTES} bytes (Gong takes 200 MB): split it into smaller uploads`);
    }
    // Without the text nothing can be applied; say so in the status rather than finish DONE with nothing stored.
    const checked = file === undefined
      ? { lines: [], errors: [{ line: 0, description: 'The dataFile content was not received' }], totalErrorCount: 1, totalSuccessCount: 0 }
      : checkLines(file.text, type);
    newRequest(ctx.world, clientRequestId, { integrationId: integration.integrationId, kind: 'upload', objectType: type, status: 'PENDING', ...checked });
    return { status: 201, body: { clientRequestId } };
  },
};

export const routes: RouteDef[] = [
  {
    method: 'PUT', path: '/v2/crm/integrations', scope: 'api:crm:integration:register',
    handler: (req, ctx) => {
      const b = bodyObject(req.body);
      const name = reqString(b, 'name');
      const ownerEmail = reqString(b, 'ownerEmail');
      if (!isEmail(ownerEmail)) badRequest(`ownerEmail is not a valid email address: '${ownerEmail}'`);
      const state = stateOf(ctx.world);
      if (state.integration) {
        throw new LocalHttpError(409, ['Your organization already has an active GENERIC CRM integration. Only 1 active integration is supported at a time.']);
      }
      state.integration = { integrationId: ctx.newId(), name, ownerEmail };
      state.objects.clear();
      return { body: { integrationId: bareId(state.integration.integrationId) } };
    },
  },
  {
    method: 'GET', path: '/v2/crm/integrations', scope: 'api:crm:integrations:read',
    handler: (_req, ctx) => {
      const i = stateOf(ctx.world).integration;
      return { body: { integrations: i ? [{ integrationId: bareId(i.integrationId), ownerEmail: i.ownerEmail, name: i.name }] : [] } };
    },
  },
  {
    method: 'DELETE', path: '/v2/crm/integrations', scope: 'api:crm:integration:delete',
    handler: (req, ctx) => {
      const clientRequestId = clientRequestIdParam(req);
      const integration = integrationParam(req, ctx.world);
      newRequest(ctx.world, clientRequestId, {
        integrationId: integration.integrationId, kind: 'delete', status: 'PENDING', errors: [], totalErrorCount: 0, totalSuccessCount: 0,
      });
      // The integration stops being listed at once so a new one can be registered; its objects go when the request finishes.
      stateOf(ctx.world).integration = null;
      return { status: 201, body: { clientRequestId } };
    },
  },
  {
    method: 'GET', path: '/v2/crm/entities', scope: 'api:crm:get-objects',
    handler: (req, ctx) => {
      // Gong's framework rejects the body-less GET before looking at the parameters.
      if (!req.hasBody) throw new LocalHttpError(415, ['Unsupported Media Type']);
      integrationParam(req, ctx.world);
      const type = checkEnum(reqQuery(req.query, 'objectType'), READ_TYPES, 'objectType');
      if (!Array.isArray(req.body)) badRequest('The request body must be a JSON array of CRM object ids, e.g. ["1234","8765"]');
      const ids = req.body.slice(0, 100).map((id, i) => {
        if (typeof id !== 'string' && typeof id !== 'number') badRequest(`body[${i}] must be a CRM object id string`);
        return String(id);
      });
      const m = crmObjectsOf(ctx.world, type);
      const crmObjectsMap: Record<string, unknown> = {};
      for (const id of ids) crmObjectsMap[id] = m.get(id) ?? null;
      return { body: { crmObjectsMap } };
    },
  },
  uploadRoute,
  {
    method: 'GET', path: '/v2/crm/entity-schema', scope: 'api:crm:schema',
    handler: (req, ctx) => {
      integrationParam(req, ctx.world);
      const raw = req.query.get('objectType');
      const types = raw ? [checkEnum(raw, READ_TYPES, 'objectType')] : [...READ_TYPES];
      const objectTypeToSelectedFields: Record<string, unknown> = {};
      const schema = stateOf(ctx.world).schema;
      for (const t of types) objectTypeToSelectedFields[t] = (schema.get(t) ?? []).map(f => ({ ...f }));
      return { body: { objectTypeToSelectedFields } };
    },
  },
  {
    // Not behind a seed action, but the write side of the schema read above (Gong answers 200 with just requestId).
    method: 'POST', path: '/v2/crm/entity-schema', scope: 'api:crm:schema',
    handler: (req, ctx) => {
      integrationParam(req, ctx.world);
      const type = checkEnum(reqQuery(req.query, 'objectType'), READ_TYPES, 'objectType');
      if (!Array.isArray(req.body)) badRequest('The request body must be a JSON array of field definitions');
      const fields = req.body.map((raw, i) => {
        if (!isRecord(raw)) badRequest(`body[${i}] must be a field object`);
        const uniqueName = optString(raw, 'uniqueName', `body[${i}].uniqueName`) ?? optString(raw, 'name', `body[${i}].name`);
        if (!uniqueName) badRequest(`body[${i}].uniqueName is required`);
        const label = reqString(raw, 'label', `body[${i}].label`);
        const fieldType = checkEnum(reqString(raw, 'type', `body[${i}].type`), FIELD_TYPES, `body[${i}].type`);
        const referenceTo = optString(raw, 'referenceTo', `body[${i}].referenceTo`);
        if (fieldType === 'REFERENCE' && referenceTo === undefined) badRequest(`body[${i}].referenceTo is required for a REFERENCE field`);
        if (referenceTo !== undefined) checkEnum(referenceTo, ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD', 'USER'] as const, `body[${i}].referenceTo`);
        const values = optStringArray(raw, 'orderedValueList', `body[${i}].orderedValueList`);
        return {
          uniqueName, label, type: fieldType, lastModified: ctx.now().toISOString().slice(0, 19) + 'Z',
          isDeleted: raw.isDeleted === true, referenceTo: referenceTo ?? null, orderedValueList: values ?? null,
        };
      });
      const schema = stateOf(ctx.world).schema;
      const current = schema.get(type) ?? [];
      for (const f of fields) {
        const at = current.findIndex(c => c.uniqueName === f.uniqueName);
        if (at >= 0) current[at] = f; else current.push(f);
      }
      schema.set(type, current);
      return { body: {} };
    },
  },
  {
    method: 'GET', path: '/v2/crm/request-status', scope: 'api:crm:upload',
    handler: (req, ctx) => {
      const integrationId = reqQuery(req.query, 'integrationId');
      const clientRequestId = reqQuery(req.query, 'clientRequestId');
      const r = stateOf(ctx.world).requests.get(clientRequestId);
      if (!r || r.integrationId !== integrationId) badRequest(`No request ${clientRequestId} for integration ${integrationId}`);
      advance(ctx.world, r);
      return {
        body: { status: r.status, errors: r.errors.map(e => ({ ...e })), totalErrorCount: r.totalErrorCount, totalSuccessCount: r.totalSuccessCount },
      };
    },
  },
];
