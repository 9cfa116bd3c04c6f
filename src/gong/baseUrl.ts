/** Turning what a user pastes into the origin the client talks to. */
import { isGongHost } from '../shared/safeText';

export const DEFAULT_BASE_URL = 'https://api.gong.io';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * True when a pasted value looks like a credential rather than a web address: an `Authorization`
 * header value, a JWT (`eyJ...`), a long run of key-like characters with no dot, or a host or path part
 * of 24+ characters mixing letters and digits (Gong hosts are `api.gong.io` or `us-12345.api.gong.io`).
 * Such a value is refused before it is parsed, resolved, logged or shown.
 */
export function looksLikeSecret(input: string): boolean {
  const raw = input.trim();
  if (/^(basic|bearer)\s+\S/i.test(raw) || /eyJ[A-Za-z0-9_-]{8,}/.test(raw)) return true;
  const rest = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (/^[A-Za-z0-9+/=_-]{20,}$/.test(rest)) return true;
  return rest.split(/[./:?#=&@]/).some(part => part.length >= 24 && /[A-Za-z]/.test(part) && /\d/.test(part));
}

const SECRET_REFUSED = 'That looks like a key, secret or token, not a web address, so it was not used. Enter the base URL shown on Gong\'s API settings page, e.g. https://us-12345.api.gong.io.';

/** What a base URL points at: Gong's own hosts, this machine (the local Gong), or another host. */
export function baseUrlHost(normalized: string): { host: string; kind: 'gong' | 'loopback' | 'other' } {
  const host = new URL(normalized).hostname.toLowerCase();
  return { host, kind: isGongHost(host) ? 'gong' : LOOPBACK.test(host) ? 'loopback' : 'other' };
}

/**
 * Normalises a Gong API base URL: accepts a bare host (`us-12345.api.gong.io`), a full URL with or
 * without `/v2` and trailing slashes, or a web-app host (`us-12345.app.gong.io`, mapped to its API
 * host). Returns the origin (plus any path prefix before `/v2`) without a trailing slash.
 * Throws an Error with a user-facing message for anything that is not http(s); plain http is only
 * allowed for loopback hosts (the local Gong), since it would send the credentials unencrypted. A value
 * that looks like a credential, or a single word, is refused; no message ever repeats what was typed.
 */
export function normalizeBaseUrl(input: string): string {
  const raw = input.trim();
  if (raw === '') throw new Error('Enter the Gong API base URL, for example https://api.gong.io or https://us-12345.api.gong.io.');
  if (looksLikeSecret(raw)) throw new Error(SECRET_REFUSED);
  let text = raw;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1];
  if (scheme === undefined) {
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(raw)) {
      throw new Error('This is not a web address; the Gong base URL starts with https://.');
    }
    const host = raw.split(/[/:?#]/, 1)[0] ?? '';
    text = `${LOOPBACK.test(host) ? 'http' : 'https'}://${raw}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('This is not a valid URL; use the base URL shown next to your API key, e.g. https://us-12345.api.gong.io.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The Gong base URL must start with https:// (got ${url.protocol}//).`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new Error('Use https:// for Gong; plain http would send your credentials unencrypted (http is only allowed for 127.0.0.1 / localhost).');
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('Do not put credentials in the base URL; enter the access key and secret separately.');
  }
  if (url.hostname === '') throw new Error('The base URL has no host name.');
  if (!url.hostname.includes('.') && !LOOPBACK.test(url.hostname)) {
    throw new Error('Enter a full host name such as api.gong.io or us-12345.api.gong.io; a single word is not a Gong address.');
  }
  const appHost = /^(.*\.)?app\.gong\.io$/i.exec(url.hostname);
  if (appHost) url.hostname = `${appHost[1] ?? ''}api.gong.io`;
  let path = url.pathname.replace(/\/+$/, '');
  const v2 = /(^|\/)v2(\/.*)?$/i.exec(path);
  if (v2) path = path.slice(0, v2.index);
  return `${url.protocol}//${url.host}${path}`;
}
