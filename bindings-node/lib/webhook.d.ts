/** `Webhook`: Standard Webhooks verification through the native core. */
import { type HeadersLike, type RawBody } from './headers';
import type { MomentEvent } from './models';
export interface WebhookOptions {
    /** How far `webhook-timestamp` may be from now, both ways (default 180 s). */
    toleranceSeconds?: number;
    /** More secrets to accept while Moment rotates yours. */
    additionalSecrets?: string[];
}
export interface VerifyOptions {
    /** Verify as of this Unix time (seconds) instead of now; for tests. */
    now?: number;
}
/** Verifies Moment webhooks and signs test payloads. */
export declare class Webhook {
    #private;
    constructor(secret: string, options?: WebhookOptions);
    /** Verify the raw body (exactly as received) against its headers; returns the typed event. */
    verify(body: RawBody, headers: HeadersLike, options?: VerifyOptions): MomentEvent;
    /** Check headers, timestamp and signature without parsing the body. */
    verifySignature(body: RawBody, headers: HeadersLike, options?: VerifyOptions): void;
    /** The `webhook-signature` value for a payload (one `v1,` entry per secret). */
    sign(msgId: string, timestamp: number, body: RawBody): string;
    /** All three headers for a payload. */
    signHeaders(msgId: string, timestamp: number, body: RawBody): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;
    /** A fresh secret: `whsec_` + base64 of 32 random bytes. */
    static generateSecret(): string;
    toJSON(): {
        secret: string;
    };
}
