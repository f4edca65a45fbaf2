/**
 * `momentpay/edge`: webhook verification without the native addon, for runtimes that cannot
 * load one (Cloudflare Workers, Vercel Edge, Deno, browsers). Pure TypeScript on WebCrypto;
 * it passes the same tests/vectors as the Rust core. Verification only: API calls need the
 * native client.
 *
 *   import { EdgeWebhook } from 'momentpay/edge'
 *   const event = await new EdgeWebhook(secret).verify(await request.text(), request.headers)
 */

import { errorFrom, type MomentError } from './errors'
import { bodyBytes, checkTolerance, headerPairs, type HeadersLike, type RawBody } from './headers'
import type { MomentEvent } from './models'

/** Largest body verified: the core's `webhooks::MAX_PAYLOAD_BYTES` (1 MiB), the same refusal before any HMAC. */
const MAX_PAYLOAD_BYTES = 1 << 20

export * from './errors'
export type { MomentEvent, MomentEventType } from './models'
export type { HeadersLike, RawBody } from './headers'

function fail(code: string, message: string): MomentError {
  return errorFrom({ kind: 'webhook', code, message })
}

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null
  try {
    const binary = atob(text)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  } catch {
    return null
  }
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function equalConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

function secretKey(secret: string): Uint8Array {
  if (secret.length === 0) throw fail('invalid_secret', 'the webhook secret is empty')
  if (secret.trim() !== secret) throw fail('invalid_secret', 'the webhook secret has leading or trailing whitespace; trim it')
  const key = decodeBase64(secret.startsWith('whsec_') ? secret.slice(6) : secret)
  if (key === null || key.length === 0) throw fail('invalid_secret', 'the webhook secret is not `whsec_` followed by base64')
  return key
}

export interface EdgeWebhookOptions {
  /** How far `webhook-timestamp` may be from now, both ways (default 180 s). */
  toleranceSeconds?: number
  /** More secrets to accept while Moment rotates yours. */
  additionalSecrets?: string[]
}

/** Verifies Moment webhooks with WebCrypto (no native addon). */
export class EdgeWebhook {
  readonly #keys: Uint8Array[]
  readonly #tolerance: number

  constructor(secret: string, options: EdgeWebhookOptions = {}) {
    this.#tolerance = checkTolerance(options.toleranceSeconds)
    this.#keys = [secret, ...(options.additionalSecrets ?? [])].map(secretKey)
  }

  async #mac(key: Uint8Array, content: Uint8Array): Promise<Uint8Array> {
    // Copies typed as plain ArrayBuffer views, as WebCrypto's declarations require.
    const cryptoKey = await crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, new Uint8Array(content)))
  }

  /** The `webhook-signature` value for a payload (one `v1,` entry per secret). */
  async sign(msgId: string, timestamp: number, body: RawBody): Promise<string> {
    const content = signedContent(msgId, String(timestamp), bodyBytes(body))
    const entries = await Promise.all(this.#keys.map(async (key) => `v1,${encodeBase64(await this.#mac(key, content))}`))
    return entries.join(' ')
  }

  /** Checks headers, timestamp and signature without parsing the body. */
  async verifySignature(body: RawBody, headers: HeadersLike, options: { now?: number } = {}): Promise<void> {
    const bytes = bodyBytes(body)
    if (bytes.length > MAX_PAYLOAD_BYTES) {
      throw fail('malformed_body', `the webhook body is ${bytes.length} bytes, over the ${MAX_PAYLOAD_BYTES}-byte limit; refused before its signature was checked`)
    }
    const pairs = headerPairs(headers)
    const header = (name: string): string => {
      const found = pairs.find(([key]) => key.toLowerCase() === name)
      if (found === undefined) throw fail('missing_header', `the \`${name}\` header is missing`)
      return found[1]
    }
    const msgId = header('webhook-id')
    const timestampText = header('webhook-timestamp')
    const signatures = header('webhook-signature')
    if (!/^[0-9]{1,18}$/.test(timestampText)) {
      throw fail('invalid_timestamp', `\`webhook-timestamp\` must be Unix seconds (got ${JSON.stringify(timestampText.slice(0, 40))})`)
    }
    const timestamp = Number(timestampText)
    const now = options.now ?? Math.floor(Date.now() / 1000)
    if (now - timestamp > this.#tolerance) throw fail('timestamp_too_old', `the webhook timestamp is ${now - timestamp} s old, more than the tolerance`)
    if (timestamp - now > this.#tolerance) throw fail('timestamp_too_new', `the webhook timestamp is ${timestamp - now} s in the future, more than the tolerance`)
    const candidates = signatures
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => decodeBase64(entry.slice(3)))
      .filter((bytes): bytes is Uint8Array => bytes !== null)
    const content = signedContent(msgId, timestampText, bytes)
    let matched = false
    for (const key of this.#keys) {
      const expected = await this.#mac(key, content)
      for (const candidate of candidates) matched = equalConstantTime(expected, candidate) || matched
    }
    if (!matched) {
      throw fail(
        'no_matching_signature',
        candidates.length === 0
          ? '`webhook-signature` holds no `v1,<base64>` signature'
          : 'no signature matches: check the secret, and pass the raw request body as received',
      )
    }
  }

  /** Verifies the raw body and returns the event (`data` as sent). */
  async verify(body: RawBody, headers: HeadersLike, options: { now?: number } = {}): Promise<MomentEvent> {
    await this.verifySignature(body, headers, options)
    let event: unknown
    try {
      event = JSON.parse(new TextDecoder().decode(bodyBytes(body)))
    } catch (error) {
      throw fail('malformed_body', `the signature is valid but the body is not JSON: ${String(error)}`)
    }
    const envelope = event as { id?: unknown; type?: unknown; data?: unknown }
    if (typeof envelope !== 'object' || envelope === null || typeof envelope.id !== 'string' || typeof envelope.type !== 'string' || !('data' in envelope)) {
      throw fail('malformed_body', 'the signature is valid but the body is not an event envelope {id, type, data}')
    }
    return event as MomentEvent
  }
}

function signedContent(msgId: string, timestamp: string, body: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(`${msgId}.${timestamp}.`)
  const content = new Uint8Array(prefix.length + body.length)
  content.set(prefix)
  content.set(body, prefix.length)
  return content
}
