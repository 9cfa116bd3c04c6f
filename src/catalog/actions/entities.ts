import type { ActionDef } from '../types';
import { defineAction, ordered } from './define';
import { askEntityMarkdown, briefMarkdown } from '../answers';
import { enumOf, gongId, isoDateTime, str } from '../fields';

const ENTITY_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
const TIME_PERIODS = [
  'LAST_7DAYS', 'LAST_30DAYS', 'LAST_90DAYS', 'LAST_90_DAYS_SINCE_LAST_ACTIVITY', 'LAST_YEAR_SINCE_LAST_ACTIVITY', 'LAST_YEAR',
  'THIS_WEEK', 'THIS_MONTH', 'THIS_YEAR', 'THIS_QUARTER', 'CUSTOM_RANGE', 'ALL_CONVERSATIONS',
] as const;

/** The entity and period both AI endpoints take, in the query string. */
const entityShape = () => ({
  workspaceId: gongId('workspace', 'Workspace whose calls and emails are used'),
  crmEntityType: enumOf(ENTITY_TYPES, 'Type of the CRM entity'),
  crmEntityId: str('CRM id of the account, deal, contact or lead', { min: 1, max: 256 }),
  timePeriod: enumOf(TIME_PERIODS, 'Which conversations to use (CUSTOM_RANGE needs fromDateTime)'),
  fromDateTime: isoDateTime('With CUSTOM_RANGE: conversations at or after this time').optional(),
  toDateTime: isoDateTime('With CUSTOM_RANGE: conversations before this time').optional(),
});
const entityPlacement = {
  workspaceId: { in: 'query' }, crmEntityType: { in: 'query' }, crmEntityId: { in: 'query' }, timePeriod: { in: 'query' },
  fromDateTime: { in: 'query' }, toDateTime: { in: 'query' },
} as const;

function customRange(v: Record<string, unknown>): Array<{ path: string; message: string }> {
  if (v.timePeriod === 'CUSTOM_RANGE' && typeof v.fromDateTime !== 'string') return [{ path: 'fromDateTime', message: 'is required when timePeriod is CUSTOM_RANGE' }];
  if (v.timePeriod !== 'CUSTOM_RANGE' && (v.fromDateTime !== undefined || v.toDateTime !== undefined)) {
    return [{ path: 'timePeriod', message: 'must be CUSTOM_RANGE when fromDateTime or toDateTime is given' }];
  }
  return ordered(v, 'fromDateTime', 'toDateTime');
}

export const entityActions: ActionDef[] = [
  defineAction({
    id: 'entities.ask',
    aliases: [],
    title: 'Ask about an account or deal',
    description: 'Answers a question about a CRM account, deal, contact or lead from its calls and emails (uses Gong credits; the answer opens as rich text).',
    category: 'AI', method: 'GET', path: '/v2/entities/ask-entity', scope: 'api:ai-ask:read',
    // A read, but every answer costs credits: never repeated automatically.
    readOnly: true, retrySafe: false,
    shape: () => ({ ...entityShape(), question: str('The question to answer', { min: 1, max: 2000 }) }),
    placement: { ...entityPlacement, question: { in: 'query' } },
    refine: customRange,
    richAnswer: askEntityMarkdown,
  }),
  defineAction({
    id: 'entities.brief',
    aliases: [],
    title: 'Generate an AI brief',
    description: 'Generates a brief set up in Agent Studio for a CRM account, deal, contact or lead (uses Gong credits; opens as rich text).',
    category: 'AI', method: 'GET', path: '/v2/entities/get-brief', scope: 'api:ai-briefer:read',
    readOnly: true, retrySafe: false,
    shape: () => ({ ...entityShape(), briefName: str('Name of the brief (see "List AI briefs")', { min: 1, max: 256 }) }),
    placement: { ...entityPlacement, briefName: { in: 'query' } },
    refine: customRange,
    richAnswer: briefMarkdown,
  }),
  defineAction({
    id: 'settings.briefs',
    aliases: [],
    title: 'List AI briefs',
    description: 'The AI briefs configured in Agent Studio (all workspaces when none is given).',
    category: 'AI', method: 'GET', path: '/v2/settings/briefs', scope: 'api:ai-briefer:read', readOnly: true,
    listKey: 'briefs',
    shape: () => ({ workspaceId: gongId('workspace', 'Only briefs of this workspace').optional() }),
    placement: { workspaceId: { in: 'query' } },
  }),
];
