"use strict";
/** `Webhook`: Standard Webhooks verification through the native core. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Webhook = void 0;
const native_1 = require("../native");
const errors_1 = require("./errors");
const headers_1 = require("./headers");
/**
 * The event as a plain object: `id` and `type` now, `data` parsed on first access and then
 * kept as an ordinary property (so `JSON.stringify` and spreading see it). A body whose data
 * does not match its model throws `WebhookPayloadError` from `event.data`.
 */
function eventOf(native) {
    const event = {
        id: native.id,
        type: native.type,
        get data() {
            let data;
            try {
                data = JSON.parse(native.dataJson());
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
            this.#native = new native_1.NativeWebhook(secret, options.toleranceSeconds ?? null, options.additionalSecrets ?? null);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
    }
    /** Verify the raw body (exactly as received) against its headers; returns the typed event. */
    verify(body, headers, options = {}) {
        const bytes = (0, headers_1.bodyBytes)(body);
        let native;
        try {
            native = this.#native.verify(bytes, (0, headers_1.headerPairs)(headers, headers_1.isWebhookHeader), options.now ?? null);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
        return eventOf(native);
    }
    /** Check headers, timestamp and signature without parsing the body. */
    verifySignature(body, headers, options = {}) {
        try {
            this.#native.verifySignature(Buffer.from((0, headers_1.bodyBytes)(body)), (0, headers_1.headerPairs)(headers, headers_1.isWebhookHeader), options.now ?? null);
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
        return native_1.NativeWebhook.generateSecret();
    }
    [Symbol.for('nodejs.util.inspect.custom')]() {
        return 'Webhook { secret: [redacted] }';
    }
    toJSON() {
        return { secret: '[redacted]' };
    }
}
exports.Webhook = Webhook;
