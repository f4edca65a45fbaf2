/** Header and body normalisation shared by the native and the addon-free verifiers. */

import { ValidationError } from './errors'

/** Anything a framework hands over as request headers. */
export type HeadersLike =
  | Record<string, string | string[] | undefined>
  | Iterable<[string, string]>
  | { forEach(callback: (value: string, name: string) => void): void }

/** The raw request body, exactly as received. */
export type RawBody = string | Uint8Array | ArrayBuffer

const WEBHOOK_HEADERS = new Set(['webhook-id', 'webhook-timestamp', 'webhook-signature'])

/** Whether a header name is one of the three a verifier reads (any case). */
export function isWebhookHeader(name: string): boolean {
  return name.length >= 10 && name.length <= 17 && WEBHOOK_HEADERS.has(name.toLowerCase())
}

/**
 * Header pairs from a plain object, a `Headers`, a `Map` or an iterable of pairs; with `keep`,
 * only the names it accepts (the rest are skipped unconverted).
 */
export function headerPairs(headers: HeadersLike, keep: (name: string) => boolean = () => true): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  if (headers == null || typeof headers !== 'object') {
    throw new ValidationError({ kind: 'validation', field: 'headers', message: 'invalid `headers`: must be an object, a Headers instance or an iterable of [name, value] pairs' })
  }
  const withForEach = headers as { forEach?: unknown }
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function' && !(headers instanceof Map)) {
    for (const pair of headers as Iterable<[string, string]>) {
      const name = String(pair[0])
      if (keep(name)) pairs.push([name, String(pair[1])])
    }
  } else if (typeof withForEach.forEach === 'function' && !Array.isArray(headers)) {
    ;(headers as { forEach(cb: (value: string, name: string) => void): void }).forEach((value, name) => {
      if (keep(String(name))) pairs.push([String(name), String(value)])
    })
  } else {
    for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
      if (value === undefined || !keep(name)) continue
      pairs.push([name, headerText(value)])
    }
  }
  return pairs
}

function headerText(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value)
}

/**
 * The `webhook-id`, `webhook-timestamp` and `webhook-signature` values (any name case; the
 * first of repeated names), from any `HeadersLike`. A plain object with lower-case names
 * (Node's `req.headers`) is read directly; anything else is scanned once.
 */
export function webhookHeaderValues(headers: HeadersLike): [string | undefined, string | undefined, string | undefined] {
  if (headers != null && typeof headers === 'object' && Object.getPrototypeOf(headers) === Object.prototype) {
    const record = headers as Record<string, unknown>
    const id = record['webhook-id']
    const timestamp = record['webhook-timestamp']
    const signature = record['webhook-signature']
    if (id !== undefined && timestamp !== undefined && signature !== undefined) {
      return [headerText(id), headerText(timestamp), headerText(signature)]
    }
  }
  const found = new Map<string, string>()
  for (const [name, value] of headerPairs(headers, isWebhookHeader)) {
    const lower = name.toLowerCase()
    if (!found.has(lower)) found.set(lower, value)
  }
  return [found.get('webhook-id'), found.get('webhook-timestamp'), found.get('webhook-signature')]
}

/** The body as bytes; a parsed object gets an error that teaches the fix. */
export function bodyBytes(body: RawBody): Uint8Array {
  if (typeof body === 'string') return new TextEncoder().encode(body)
  if (body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (body !== null && typeof body === 'object') {
    throw new ValidationError({
      kind: 'validation',
      field: 'body',
      message:
        'invalid `body`: it is a parsed object: pass the raw request body exactly as received ' +
        "(e.g. express.raw({ type: 'application/json' }) and req.body, or await request.text()), not JSON.parse'd data",
    })
  }
  throw new ValidationError({ kind: 'validation', field: 'body', message: 'invalid `body`: must be the raw request body as a Buffer, Uint8Array, ArrayBuffer or string' })
}

/** Checks a tolerance option (the addon-free verifier has no core to do it). */
export function checkTolerance(toleranceSeconds: number | undefined): number {
  const tolerance = toleranceSeconds ?? 180
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new ValidationError({ kind: 'validation', field: 'toleranceSeconds', message: 'invalid `toleranceSeconds`: must be a non-negative number' })
  }
  return tolerance
}
