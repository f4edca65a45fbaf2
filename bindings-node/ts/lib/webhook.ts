/** `Webhook`: Standard Webhooks verification through the native core. */

import type { NativeWebhook } from '../../native'
import { native } from './addon'
import { fromNative } from './errors'
import { bodyBytes, webhookHeaderValues, type HeadersLike, type RawBody } from './headers'
import type { MomentEvent } from './models'

/**
 * A verified event: `id` and `type` now, `data` parsed on first access and then kept as an
 * ordinary own property (so spreading sees it once read; `JSON.stringify` always includes it).
 * A body whose data does not match its model throws `WebhookPayloadError` from `event.data`.
 * The event holds its own copy of the body, so reusing the request buffer changes nothing. A
 * class, not an object literal with a getter: V8 makes those several times slower to create.
 */
class VerifiedEvent {
  readonly id: string
  readonly type: string
  readonly #body: Uint8Array

  constructor(id: string, type: string, body: Uint8Array) {
    this.id = id
    this.type = type
    this.#body = body
  }

  get data(): unknown {
    let data: unknown
    try {
      data = JSON.parse(native.eventDataJson(this.#body))
    } catch (error) {
      throw fromNative(error)
    }
    Object.defineProperty(this, 'data', { value: data, enumerable: true, writable: false, configurable: false })
    return data
  }

  toJSON(): { id: string; type: string; data: unknown } {
    return { id: this.id, type: this.type, data: this.data }
  }
}

export interface WebhookOptions {
  /** How far `webhook-timestamp` may be from now, both ways (default 180 s). */
  toleranceSeconds?: number
  /** More secrets to accept while Moment rotates yours. */
  additionalSecrets?: string[]
}

export interface VerifyOptions {
  /** Verify as of this Unix time (seconds) instead of now; for tests. */
  now?: number
}

/** Verifies Moment webhooks and signs test payloads. */
export class Webhook {
  readonly #native: NativeWebhook

  constructor(secret: string, options: WebhookOptions = {}) {
    try {
      // The core owns the default (180 s) and the check of the value.
      this.#native = new native.NativeWebhook(secret, options.toleranceSeconds ?? null, options.additionalSecrets ?? null)
    } catch (error) {
      throw fromNative(error)
    }
  }

  /** Verify the raw body (exactly as received) against its headers; returns the typed event. */
  verify(body: RawBody, headers: HeadersLike, options: VerifyOptions = {}): MomentEvent {
    const bytes = bodyBytes(body)
    const [id, timestamp, signature] = webhookHeaderValues(headers)
    let verified: string
    try {
      verified = this.#native.verify(bytes, id, timestamp, signature, options.now ?? null)
    } catch (error) {
      throw fromNative(error)
    }
    const colon = verified.indexOf(':')
    const typeEnd = colon + 1 + Number(verified.slice(0, colon))
    // A string body was encoded into a buffer of our own; any other is the caller's, copied
    // (Buffer.from takes small copies from Node's pool: the cheapest copy there is).
    const own = typeof body === 'string' ? bytes : Buffer.from(bytes)
    return new VerifiedEvent(verified.slice(typeEnd), verified.slice(colon + 1, typeEnd), own) as unknown as MomentEvent
  }

  /** Check headers, timestamp and signature without parsing the body. */
  verifySignature(body: RawBody, headers: HeadersLike, options: VerifyOptions = {}): void {
    try {
      const [id, timestamp, signature] = webhookHeaderValues(headers)
      this.#native.verifySignature(bodyBytes(body), id, timestamp, signature, options.now ?? null)
    } catch (error) {
      throw fromNative(error)
    }
  }

  /** The `webhook-signature` value for a payload (one `v1,` entry per secret). */
  sign(msgId: string, timestamp: number, body: RawBody): string {
    return this.#native.sign(msgId, timestamp, Buffer.from(bodyBytes(body)))
  }

  /** All three headers for a payload. */
  signHeaders(msgId: string, timestamp: number, body: RawBody): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
    return { 'webhook-id': msgId, 'webhook-timestamp': String(timestamp), 'webhook-signature': this.sign(msgId, timestamp, body) }
  }

  /** A fresh secret: `whsec_` + base64 of 32 random bytes. */
  static generateSecret(): string {
    return native.NativeWebhook.generateSecret()
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Webhook { secret: [redacted] }'
  }

  toJSON(): { secret: string } {
    return { secret: '[redacted]' }
  }
}
