"use strict";
/** `Webhook`: Standard Webhooks verification through the native core. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Webhook = void 0;
const addon_1 = require("./addon");
const errors_1 = require("./errors");
const headers_1 = require("./headers");
/**
 * A verified event: `id` and `type` now, `data` parsed on first access and then kept as an
 * ordinary own property (so spreading sees it once read; `JSON.stringify` always includes it).
 * A body whose data does not match its model throws `WebhookPayloadError` from `event.data`.
 * The event holds its own copy of the body, so reusing the request buffer changes nothing. A
 * class, not an object literal with a getter: V8 makes those several times slower to create.
 */
class VerifiedEvent {
    id;
    type;
    #body;
    constructor(id, type, body) {
        this.id = id;
        this.type = type;
        this.#body = body;
    }
    get data() {
        let data;
        try {
            data = JSON.parse(addon_1.native.eventDataJson(this.#body));
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
        Object.defineProperty(this, 'data', { value: data, enumerable: true, writable: false, configurable: false });
        return data;
    }
    toJSON() {
        return { id: this.id, type: this.type, data: this.data };
    }
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
        const colon = verified.indexOf(':');
        const typeEnd = colon + 1 + Number(verified.slice(0, colon));
        // A string body was encoded into a buffer of our own; any other is the caller's, copied
        // (Buffer.from takes small copies from Node's pool: the cheapest copy there is).
        const own = typeof body === 'string' ? bytes : Buffer.from(bytes);
        return new VerifiedEvent(verified.slice(typeEnd), verified.slice(colon + 1, typeEnd), own);
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
