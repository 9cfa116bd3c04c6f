import type { FieldSpec } from '../../../src/catalog/types';

/** A FieldSpec for tests; `rule` plays the catalog's zod check. */
export function field(path: string, kind: FieldSpec['kind'], extra: Partial<FieldSpec> & { rule?: (v: unknown) => string | undefined } = {}): FieldSpec {
  const { rule, ...rest } = extra;
  return {
    path,
    label: path,
    kind,
    required: false,
    location: 'body',
    validate: v => (rule ? rule(v) : undefined),
    ...rest,
  };
}
