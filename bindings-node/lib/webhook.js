"use strict";
/** `Webhook`: Standard Webhooks verification through the native core. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Webhook = void 0;
const addon_1 = require("./addon");
const errors_1 = require("./errors");
const headers_1 = require("./headers");
/**
 * The event as a plain object: `id` and `type` now, `data` parsed on first access and then
 * kept as an ordinary property (so `JSON.stringify` and spreading see it). A body whose data
 * does not match its model throws `WebhookPayloadError` from `event.data`. `data` holds its
 * own copy of the data bytes, so reusing the request buffer later changes nothing.
 */
function eventOf(verified, bytes, owned) {
    const view = bytes.subarray(verified.dataStart, verified.dataEnd);
    // Buffer.from copies (from Node's pool for small sizes: the cheapest copy there is).
    const dataBytes = owned ? view : Buffer.from(view);
    const type = verified.type;
    const event = {
        id: verified.id,
        type,
        get data() {
            let data;
            try {
                data = JSON.parse(addon_1.native.eventDataJson(type, dataBytes));
            }
            catch (error) {
                throw (0, errors_1.fromNative)(error);
            }
            Object.defineProperty(event, 'data', { value: data, enumerable: true, writable: false, configurable: false });
            return data;
        },
    };
    return event;
}
/** Verifies Moment webhooks and signs test payloads. */
class Webhook {
    #native;
    constructor(secret, options = {}) {
        try {
            // The core owns the default (180 s) and the check of the value.
            this.#native = new addon_1.native.NativeWebhook(secret, options.toleranceSeconds ?? null, options.additionalSecrets ?? null);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
    }
    /** Verify the raw body (exactly as received) against its headers; returns the typed event. */
    verify(body, headers, options = {}) {
        const bytes = (0, headers_1.bodyBytes)(body);
        const [id, timestamp, signature] = (0, headers_1.webhookHeaderValues)(headers);
        let verified;
        try {
            verified = this.#native.verify(bytes, id, timestamp, signature, options.now ?? null);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
        // A string body was encoded into a buffer of our own; any other is the caller's.
        return eventOf(verified, bytes, typeof body === 'string');
    }
    /** Check headers, timestamp and signature without parsing the body. */
    verifySignature(body, headers, options = {}) {
        try {
            const [id, timestamp, signature] = (0, headers_1.webhookHeaderValues)(headers);
            this.#native.verifySignature((0, headers_1.bodyBytes)(body), id, timestamp, signature, options.now ?? null);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
    }
    /** The `webhook-signature` value for a payload (one `v1,` entry per secret). */
    sign(msgId, timestamp, body) {
        return this.#native.sign(msgId, timestamp, Buffer.from((0, headers_1.bodyBytes)(body)));
    }
    /** All three headers for a payload. */
    signHeaders(msgId, timestamp, body) {
        return { 'webhook-id': msgId, 'webhook-timestamp': String(timestamp), 'webhook-signature': this.sign(msgId, timestamp, body) };
    }
    /** A fresh secret: `whsec_` + base64 of 32 random bytes. */
    static generateSecret() {
        return addon_1.native.NativeWebhook.generateSecret();
    }
    [Symbol.for('nodejs.util.inspect.custom')]() {
        return 'Webhook { secret: [redacted] }';
    }
    toJSON() {
        return { secret: '[redacted]' };
    }
}
exports.Webhook = Webhook;
