/** `Webhook`: Standard Webhooks verification through the native core. */

import type { NativeWebhook, VerifiedEvent } from '../native'
import { native } from './addon'
import { fromNative } from './errors'
import { bodyBytes, webhookHeaderValues, type HeadersLike, type RawBody } from './headers'
import type { MomentEvent } from './models'

/**
 * The event as a plain object: `id` and `type` now, `data` parsed on first access and then
 * kept as an ordinary property (so `JSON.stringify` and spreading see it). A body whose data
 * does not match its model throws `WebhookPayloadError` from `event.data`. `data` holds its
 * own copy of the data bytes, so reusing the request buffer later changes nothing.
 */
function eventOf(verified: VerifiedEvent, bytes: Uint8Array, owned: boolean): MomentEvent {
  const view = bytes.subarray(verified.dataStart, verified.dataEnd)
  // Buffer.from copies (from Node's pool for small sizes: the cheapest copy there is).
  const dataBytes = owned ? view : Buffer.from(view)
  const type = verified.type
  const event = {
    id: verified.id,
    type,
    get data(): unknown {
      let data: unknown
      try {
        data = JSON.parse(native.eventDataJson(type, dataBytes))
      } catch (error) {
        throw fromNative(error)
      }
      Object.defineProperty(event, 'data', { value: data, enumerable: true, writable: false, configurable: false })
      return data
    },
  }
  return event as MomentEvent
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
    let verified: VerifiedEvent
    try {
      verified = this.#native.verify(bytes, id, timestamp, signature, options.now ?? null)
    } catch (error) {
      throw fromNative(error)
    }
    // A string body was encoded into a buffer of our own; any other is the caller's.
    return eventOf(verified, bytes, typeof body === 'string')
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
