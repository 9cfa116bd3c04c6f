/**
 * A run as a curl command line. Credentials never appear: they are shell variables the person sets
 * (`$GONG_ACCESS_KEY`, `$GONG_ACCESS_KEY_SECRET` or `$GONG_TOKEN`). No `vscode` here.
 */
import { stringifyJson } from '../gong/json';
import type { GongRequest, QueryValue } from '../gong/types';

/** Single-quotes a word for POSIX shells. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function scalar(v: string | number | boolean | bigint): string {
  return typeof v === 'string' ? v : v.toString();
}

/** The query string, names as given (`workspace-id`), values percent-encoded (`+` becomes `%2B`). */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [name, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    const values = Array.isArray(v) ? (v as ReadonlyArray<string | number>) : [v as string | number | boolean | bigint];
    for (const x of values) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(scalar(x))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The curl command for a request against `baseUrl`, with the secret replaced by a placeholder. */
export function curlCommand(req: GongRequest, baseUrl: string, authKind: 'basic' | 'bearer'): string {
  const url = `${baseUrl.replace(/\/+$/, '')}${req.path}${queryString(req.query)}`;
  const lines = [`curl -sS -X ${req.method} ${shellQuote(url)}`];
  // Double quotes so the shell expands the variables the person exported; nothing secret is in the text.
  lines.push(authKind === 'basic' ? '-u "$GONG_ACCESS_KEY:$GONG_ACCESS_KEY_SECRET"' : '-H "Authorization: Bearer $GONG_TOKEN"');
  if (req.multipart) {
    for (const [name, value] of Object.entries(req.multipart.fields ?? {})) lines.push(`-F ${shellQuote(`${name}=${value}`)}`);
    for (const [name, file] of Object.entries(req.multipart.files ?? {})) {
      let spec = `${name}=@${file.path}`;
      if (file.contentType) spec += `;type=${file.contentType}`;
      if (file.filename) spec += `;filename=${file.filename}`;
      lines.push(`-F ${shellQuote(spec)}`);
    }
  } else if (req.body !== undefined) {
    lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`--data ${shellQuote(stringifyJson(req.body))}`);
  }
  return lines.join(' \\\n  ');
}
