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
/** Shortest secret, in decoded bytes: the core's `webhooks::MIN_SECRET_BYTES` (the Standard Webhooks minimum). */
const MIN_SECRET_BYTES = 24

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
  if (key.length < MIN_SECRET_BYTES) {
    throw fail('invalid_secret', `the webhook secret decodes to ${key.length} bytes; Standard Webhooks secrets are at least ${MIN_SECRET_BYTES} (Moment's are 32): copy the whole \`whsec_…\` value`)
  }
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
  /** The keys imported into WebCrypto once, on first use (importing per call cost 5x). */
  #imported: Promise<CryptoKey[]> | undefined

  constructor(secret: string, options: EdgeWebhookOptions = {}) {
    this.#tolerance = checkTolerance(options.toleranceSeconds)
    this.#keys = [secret, ...(options.additionalSecrets ?? [])].map(secretKey)
  }

  #cryptoKeys(): Promise<CryptoKey[]> {
    // Copies typed as plain ArrayBuffer views, as WebCrypto's declarations require.
    this.#imported ??= Promise.all(
      this.#keys.map((key) => crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])),
    )
    return this.#imported
  }

  async #macs(content: Uint8Array<ArrayBuffer>): Promise<Uint8Array[]> {
    const keys = await this.#cryptoKeys()
    return Promise.all(keys.map(async (key) => new Uint8Array(await crypto.subtle.sign('HMAC', key, content))))
  }

  /** The `webhook-signature` value for a payload (one `v1,` entry per secret). */
  async sign(msgId: string, timestamp: number, body: RawBody): Promise<string> {
    const content = signedContent(msgId, String(timestamp), bodyBytes(body))
    return (await this.#macs(content)).map((mac) => `v1,${encodeBase64(mac)}`).join(' ')
  }

  /** Checks headers, timestamp and signature without parsing the body. */
  async verifySignature(body: RawBody, headers: HeadersLike, options: { now?: number } = {}): Promise<void> {
    await this.#check(bodyBytes(body), headers, options.now)
  }

  /**
   * Verifies `bytes` (the body as received). The signed content is one copy of them, made
   * before the first `await`, so a caller changing its buffer meanwhile changes nothing.
   * Returns that copy's body part, the exact bytes verified.
   */
  async #check(bytes: Uint8Array, headers: HeadersLike, nowGiven: number | undefined): Promise<Uint8Array> {
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
    // Canonical decimal only (no leading zero), as the core: the MAC covers this text.
    if (!/^(0|[1-9][0-9]{0,17})$/.test(timestampText)) {
      throw fail('invalid_timestamp', `\`webhook-timestamp\` must be Unix seconds (got ${JSON.stringify(timestampText.slice(0, 40))})`)
    }
    const timestamp = Number(timestampText)
    const now = nowGiven ?? Math.floor(Date.now() / 1000)
    if (now - timestamp > this.#tolerance) throw fail('timestamp_too_old', `the webhook timestamp is ${now - timestamp} s old, more than the tolerance`)
    if (timestamp - now > this.#tolerance) throw fail('timestamp_too_new', `the webhook timestamp is ${timestamp - now} s in the future, more than the tolerance`)
    const candidates = signatures
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => decodeBase64(entry.slice(3)))
      .filter((bytes): bytes is Uint8Array => bytes !== null)
    const content = signedContent(msgId, timestampText, bytes)
    let matched = false
    for (const expected of await this.#macs(content)) {
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
    return content.subarray(content.length - bytes.length)
  }

  /** Verifies the raw body and returns the event (`data` as sent). */
  async verify(body: RawBody, headers: HeadersLike, options: { now?: number } = {}): Promise<MomentEvent> {
    const verified = await this.#check(bodyBytes(body), headers, options.now)
    let event: unknown
    try {
      event = JSON.parse(new TextDecoder().decode(verified))
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

function signedContent(msgId: string, timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(`${msgId}.${timestamp}.`)
  const content = new Uint8Array(prefix.length + body.length)
  content.set(prefix)
  content.set(body, prefix.length)
  return content
}
