"use strict";
/** `Webhook`: Standard Webhooks verification through the native core. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Webhook = void 0;
const native_1 = require("../native");
const errors_1 = require("./errors");
const headers_1 = require("./headers");
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
        const bytes = Buffer.from((0, headers_1.bodyBytes)(body));
        try {
            return this.#native.verify(bytes, (0, headers_1.headerPairs)(headers), options.now ?? null);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
    }
    /** Check headers, timestamp and signature without parsing the body. */
    verifySignature(body, headers, options = {}) {
        try {
            this.#native.verifySignature(Buffer.from((0, headers_1.bodyBytes)(body)), (0, headers_1.headerPairs)(headers), options.now ?? null);
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
