/**
 * The one fetch wrapper. Same-origin cookie session; the CSRF token (from login / me)
 * is kept in memory and echoed on unsafe methods. Every failure becomes an ApiError and
 * is handed to the one error sink (see error-display.tsx) unless the caller asks for `quiet`.
 * Bodies: plain values go as JSON; a FormData (multipart) or a Blob/File (raw bytes) is sent
 * as it is — the browser sets the multipart boundary, a Blob carries its own type.
 */
import type { ApiErrorBody, RuleReason } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly reasons: RuleReason[];

  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.reasons = body.reasons ?? [];
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** do not show the error to the user (the caller handles it, or it is expected) */
  quiet?: boolean;
  signal?: AbortSignal;
}

type ErrorSink = (err: ApiError) => void;

let csrfToken: string | null = null;
let errorSink: ErrorSink = (err) => console.error(err);
let onUnauthenticated: () => void = () => {
  if (!window.location.pathname.startsWith('/login')) window.location.assign('/login');
};

/**
 * Which session a request belongs to: it changes whenever the CSRF token does (sign-in, sign-out).
 * A 401 to a request sent before the user signed in (the login page's own 「who am I」, answered late
 * on a busy server) says nothing about the new session and must not sign the user out again.
 */
let sessionEpoch = 0;

export function setCsrfToken(token: string | null): void {
  if (token !== csrfToken) sessionEpoch++;
  csrfToken = token;
}
/** The CSRF token, for the few requests made with fetch directly (file downloads answered to a POST). */
export const getCsrf = (): string | null => csrfToken;
export function setErrorSink(sink: ErrorSink): void {
  errorSink = sink;
}
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** FormData and Blob (File) bodies are sent untouched: no JSON encoding, no content-type of ours. */
function encodeBody(body: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body instanceof FormData) return body;
  if (body instanceof Blob) {
    headers['content-type'] = body.type || 'application/octet-stream';
    return body;
  }
  headers['content-type'] = 'application/json';
  return JSON.stringify(body);
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const epoch = sessionEpoch;
  const body = encodeBody(opts.body, headers);
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    const err = new ApiError(0, { code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
    if (!opts.quiet) errorSink(err);
    throw err;
  }

  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;

  const failure = (data as ApiErrorBody | undefined)?.error;
  const err = new ApiError(
    res.status,
    failure && typeof failure.message === 'string' ? failure : { code: `HTTP_${res.status}`, message: `请求失败（HTTP ${res.status}）` },
  );
  if (!opts.quiet && epoch === sessionEpoch) {
    if (res.status === 401) onUnauthenticated();
    errorSink(err);
  }
  throw err;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body: body ?? {} }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};
