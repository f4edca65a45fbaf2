/** `Webhook`: Standard Webhooks verification through the native core. */

import { NativeWebhook } from '../native'
import { fromNative } from './errors'
import { bodyBytes, headerPairs, type HeadersLike, type RawBody } from './headers'
import type { MomentEvent } from './models'

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
      this.#native = new NativeWebhook(secret, options.toleranceSeconds ?? null, options.additionalSecrets ?? null)
    } catch (error) {
      throw fromNative(error)
    }
  }

  /** Verify the raw body (exactly as received) against its headers; returns the typed event. */
  verify(body: RawBody, headers: HeadersLike, options: VerifyOptions = {}): MomentEvent {
    const bytes = Buffer.from(bodyBytes(body))
    try {
      return this.#native.verify(bytes, headerPairs(headers), options.now ?? null) as MomentEvent
    } catch (error) {
      throw fromNative(error)
    }
  }

  /** Check headers, timestamp and signature without parsing the body. */
  verifySignature(body: RawBody, headers: HeadersLike, options: VerifyOptions = {}): void {
    try {
      this.#native.verifySignature(Buffer.from(bodyBytes(body)), headerPairs(headers), options.now ?? null)
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
    return NativeWebhook.generateSecret()
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Webhook { secret: [redacted] }'
  }

  toJSON(): { secret: string } {
    return { secret: '[redacted]' }
  }
}
