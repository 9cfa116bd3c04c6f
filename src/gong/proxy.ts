/**
 * Proxies. Behind a corporate proxy nothing connects unless requests go through it: the client's
 * undici gets a dispatcher that follows VS Code's `http.proxy` / `http.proxyStrictSSL` /
 * `http.noProxy` settings when given, else the usual HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables
 * (undici's EnvHttpProxyAgent implements both). No `vscode` here: the extension passes its settings in.
 */
import type { Dispatcher } from 'undici';
import type * as Undici from 'undici';

export interface ProxyInput {
  /** VS Code's `http.proxy`: a proxy URL for every request; empty means "use the environment". */
  proxy?: string | undefined;
  /** VS Code's `http.proxyStrictSSL` (default true): false accepts a proxy's own TLS certificates. */
  strictSSL?: boolean | undefined;
  /** VS Code's `http.noProxy`: hosts that never go through the proxy. */
  noProxy?: readonly string[] | undefined;
  /** The environment to read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

export interface ProxyPlan {
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  /** Comma-separated, as NO_PROXY. */
  noProxy: string;
  strictSSL: boolean;
  /** Where the proxy came from, for the log. */
  source: 'setting' | 'environment';
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}

/** A proxy URL that undici can use, or an error message that names the problem (never the password). */
export function checkProxyUrl(value: string): string | undefined {
  let url: URL;
  try { url = new URL(value); } catch { return 'is not a URL (expected http://host:port)'; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `uses ${url.protocol.replace(':', '')}; only http and https proxies are supported`;
  if (url.hostname === '') return 'has no host';
  return undefined;
}

/** The proxy URL fit for a log line: any user name and password replaced. */
export function redactProxyUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.username || url.password) { url.username = '***'; url.password = ''; }
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(invalid proxy URL)';
  }
}

/**
 * What to proxy, or undefined when nothing is (no setting, no variables). Throws an Error whose
 * message names the bad setting or variable when a proxy URL is unusable.
 */
export function planProxy(input: ProxyInput): ProxyPlan | undefined {
  const env = input.env ?? process.env;
  const strictSSL = input.strictSSL !== false;
  const setting = input.proxy?.trim();
  const noProxyList = [...(input.noProxy ?? []).map(h => h.trim()).filter(Boolean)];
  const envNoProxy = envValue(env, 'no_proxy');
  if (envNoProxy) noProxyList.push(envNoProxy);
  const noProxy = noProxyList.join(',');
  if (setting) {
    const problem = checkProxyUrl(setting);
    if (problem) throw new Error(`The proxy setting http.proxy ${problem}.`);
    return { httpProxy: setting, httpsProxy: setting, noProxy, strictSSL, source: 'setting' };
  }
  const httpProxy = envValue(env, 'http_proxy');
  const httpsProxy = envValue(env, 'https_proxy') ?? httpProxy;
  if (!httpProxy && !httpsProxy) return undefined;
  for (const [name, v] of [['HTTP_PROXY', httpProxy], ['HTTPS_PROXY', httpsProxy]] as const) {
    const problem = v === undefined ? undefined : checkProxyUrl(v);
    if (problem) throw new Error(`The proxy variable ${name} ${problem}.`);
  }
  return { httpProxy, httpsProxy, noProxy, strictSSL, source: 'environment' };
}

/** True for http(s)://127.0.0.1, localhost and [::1] (the demo's local Gong). */
export function isLoopbackUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** One line for the log: where requests go, without credentials. */
export function describeProxy(plan: ProxyPlan | undefined): string {
  if (!plan) return 'Requests to Gong connect directly (no proxy set)';
  const via = plan.httpsProxy === plan.httpProxy || !plan.httpProxy
    ? redactProxyUrl(plan.httpsProxy ?? '')
    : `${redactProxyUrl(plan.httpsProxy ?? '')} (https), ${redactProxyUrl(plan.httpProxy)} (http)`;
  return `Requests to Gong go through the proxy ${via} from ${plan.source === 'setting' ? 'http.proxy' : 'the environment'}`
    + `${plan.noProxy ? `, except ${plan.noProxy}` : ''}${plan.strictSSL ? '' : ', certificates not checked (http.proxyStrictSSL off)'}`;
}

/**
 * The undici dispatcher for a plan (undefined: undici's default, a direct connection). undici is
 * required here, at the first client, never at import.
 */
export function proxyDispatcher(plan: ProxyPlan | undefined): Dispatcher | undefined {
  if (!plan) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  const undici = require('undici') as typeof Undici;
  const tls = plan.strictSSL ? {} : { requestTls: { rejectUnauthorized: false }, proxyTls: { rejectUnauthorized: false } };
  return new undici.EnvHttpProxyAgent({
    // An empty string stops undici from reading the variables again itself.
    httpProxy: plan.httpProxy ?? '',
    httpsProxy: plan.httpsProxy ?? '',
    noProxy: plan.noProxy,
    // Plain-http targets are forwarded as absolute-URL requests, as curl does; https always tunnels (CONNECT).
    proxyTunnel: false,
    ...tls,
  });
}
