/**
 * `momentpay/edge`: webhook verification without the native addon, for runtimes that cannot
 * load one (Cloudflare Workers, Vercel Edge, Deno, browsers). Pure TypeScript on WebCrypto;
 * it passes the same tests/vectors as the Rust core. Verification only: API calls need the
 * native client.
 *
 *   import { EdgeWebhook } from 'momentpay/edge'
 *   const event = await new EdgeWebhook(secret).verify(await request.text(), request.headers)
 */
import { type HeadersLike, type RawBody } from './headers';
import type { MomentEvent } from './models';
export * from './errors';
export type { MomentEvent, MomentEventType } from './models';
export type { HeadersLike, RawBody } from './headers';
export interface EdgeWebhookOptions {
    /** How far `webhook-timestamp` may be from now, both ways (default 180 s). */
    toleranceSeconds?: number;
    /** More secrets to accept while Moment rotates yours. */
    additionalSecrets?: string[];
}
/** Verifies Moment webhooks with WebCrypto (no native addon). */
export declare class EdgeWebhook {
    #private;
    constructor(secret: string, options?: EdgeWebhookOptions);
    /** The `webhook-signature` value for a payload (one `v1,` entry per secret). */
    sign(msgId: string, timestamp: number, body: RawBody): Promise<string>;
    /** Checks headers, timestamp and signature without parsing the body. */
    verifySignature(body: RawBody, headers: HeadersLike, options?: {
        now?: number;
    }): Promise<void>;
    /** Verifies the raw body and returns the event (`data` as sent). */
    verify(body: RawBody, headers: HeadersLike, options?: {
        now?: number;
    }): Promise<MomentEvent>;
}
