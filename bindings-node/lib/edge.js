"use strict";
/**
 * `momentpay/edge`: webhook verification without the native addon, for runtimes that cannot
 * load one (Cloudflare Workers, Vercel Edge, Deno, browsers). Pure TypeScript on WebCrypto;
 * it passes the same tests/vectors as the Rust core. Verification only: API calls need the
 * native client.
 *
 *   import { EdgeWebhook } from 'momentpay/edge'
 *   const event = await new EdgeWebhook(secret).verify(await request.text(), request.headers)
 */
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EdgeWebhook = void 0;
const errors_1 = require("./errors");
const headers_1 = require("./headers");
/** Largest body verified: the core's `webhooks::MAX_PAYLOAD_BYTES` (1 MiB), the same refusal before any HMAC. */
const MAX_PAYLOAD_BYTES = 1 << 20;
/** Shortest secret, in decoded bytes: the core's `webhooks::MIN_SECRET_BYTES` (the Standard Webhooks minimum). */
const MIN_SECRET_BYTES = 24;
__exportStar(require("./errors"), exports);
function fail(code, message) {
    return (0, errors_1.errorFrom)({ kind: 'webhook', code, message });
}
function decodeBase64(text) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
        return null;
    try {
        const binary = atob(text);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++)
            bytes[i] = binary.charCodeAt(i);
        return bytes;
    }
    catch {
        return null;
    }
}
function encodeBase64(bytes) {
    let binary = '';
    for (const byte of bytes)
        binary += String.fromCharCode(byte);
    return btoa(binary);
}
function equalConstantTime(a, b) {
    if (a.length !== b.length)
        return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++)
        diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
    return diff === 0;
}
function secretKey(secret) {
    if (secret.length === 0)
        throw fail('invalid_secret', 'the webhook secret is empty');
    if (secret.trim() !== secret)
        throw fail('invalid_secret', 'the webhook secret has leading or trailing whitespace; trim it');
    const key = decodeBase64(secret.startsWith('whsec_') ? secret.slice(6) : secret);
    if (key === null || key.length === 0)
        throw fail('invalid_secret', 'the webhook secret is not `whsec_` followed by base64');
    if (key.length < MIN_SECRET_BYTES) {
        throw fail('invalid_secret', `the webhook secret decodes to ${key.length} bytes; Standard Webhooks secrets are at least ${MIN_SECRET_BYTES} (Moment's are 32): copy the whole \`whsec_…\` value`);
    }
    return key;
}
/** Verifies Moment webhooks with WebCrypto (no native addon). */
class EdgeWebhook {
    #keys;
    #tolerance;
    /** The keys imported into WebCrypto once, on first use (importing per call cost 5x). */
    #imported;
    constructor(secret, options = {}) {
        this.#tolerance = (0, headers_1.checkTolerance)(options.toleranceSeconds);
        this.#keys = [secret, ...(options.additionalSecrets ?? [])].map(secretKey);
    }
    #cryptoKeys() {
        // Copies typed as plain ArrayBuffer views, as WebCrypto's declarations require.
        this.#imported ??= Promise.all(this.#keys.map((key) => crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])));
        return this.#imported;
    }
    async #macs(content) {
        const keys = await this.#cryptoKeys();
        return Promise.all(keys.map(async (key) => new Uint8Array(await crypto.subtle.sign('HMAC', key, content))));
    }
    /** The `webhook-signature` value for a payload (one `v1,` entry per secret). */
    async sign(msgId, timestamp, body) {
        const content = signedContent(msgId, String(timestamp), (0, headers_1.bodyBytes)(body));
        return (await this.#macs(content)).map((mac) => `v1,${encodeBase64(mac)}`).join(' ');
    }
    /** Checks headers, timestamp and signature without parsing the body. */
    async verifySignature(body, headers, options = {}) {
        await this.#check((0, headers_1.bodyBytes)(body), headers, options.now);
    }
    /**
     * Verifies `bytes` (the body as received). The signed content is one copy of them, made
     * before the first `await`, so a caller changing its buffer meanwhile changes nothing.
     * Returns that copy's body part, the exact bytes verified.
     */
    async #check(bytes, headers, nowGiven) {
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw fail('malformed_body', `the webhook body is ${bytes.length} bytes, over the ${MAX_PAYLOAD_BYTES}-byte limit; refused before its signature was checked`);
        }
        const pairs = (0, headers_1.headerPairs)(headers);
        const header = (name) => {
            const found = pairs.find(([key]) => key.toLowerCase() === name);
            if (found === undefined)
                throw fail('missing_header', `the \`${name}\` header is missing`);
            return found[1];
        };
        const msgId = header('webhook-id');
        const timestampText = header('webhook-timestamp');
        const signatures = header('webhook-signature');
        // Canonical decimal only (no leading zero), as the core: the MAC covers this text.
        if (!/^(0|[1-9][0-9]{0,17})$/.test(timestampText)) {
            throw fail('invalid_timestamp', `\`webhook-timestamp\` must be Unix seconds (got ${JSON.stringify(timestampText.slice(0, 40))})`);
        }
        const timestamp = Number(timestampText);
        const now = nowGiven ?? Math.floor(Date.now() / 1000);
        if (now - timestamp > this.#tolerance)
            throw fail('timestamp_too_old', `the webhook timestamp is ${now - timestamp} s old, more than the tolerance`);
        if (timestamp - now > this.#tolerance)
            throw fail('timestamp_too_new', `the webhook timestamp is ${timestamp - now} s in the future, more than the tolerance`);
        const candidates = signatures
            .split(' ')
            .filter((entry) => entry.startsWith('v1,'))
            .map((entry) => decodeBase64(entry.slice(3)))
            .filter((bytes) => bytes !== null);
        const content = signedContent(msgId, timestampText, bytes);
        let matched = false;
        for (const expected of await this.#macs(content)) {
            for (const candidate of candidates)
                matched = equalConstantTime(expected, candidate) || matched;
        }
        if (!matched) {
            throw fail('no_matching_signature', candidates.length === 0
                ? '`webhook-signature` holds no `v1,<base64>` signature'
                : 'no signature matches: check the secret, and pass the raw request body as received');
        }
        return content.subarray(content.length - bytes.length);
    }
    /** Verifies the raw body and returns the event (`data` as sent). */
    async verify(body, headers, options = {}) {
        const verified = await this.#check((0, headers_1.bodyBytes)(body), headers, options.now);
        let event;
        try {
            event = JSON.parse(new TextDecoder().decode(verified));
        }
        catch (error) {
            throw fail('malformed_body', `the signature is valid but the body is not JSON: ${String(error)}`);
        }
        const envelope = event;
        if (typeof envelope !== 'object' || envelope === null || typeof envelope.id !== 'string' || typeof envelope.type !== 'string' || !('data' in envelope)) {
            throw fail('malformed_body', 'the signature is valid but the body is not an event envelope {id, type, data}');
        }
        return event;
    }
}
exports.EdgeWebhook = EdgeWebhook;
function signedContent(msgId, timestamp, body) {
    const prefix = new TextEncoder().encode(`${msgId}.${timestamp}.`);
    const content = new Uint8Array(prefix.length + body.length);
    content.set(prefix);
    content.set(body, prefix.length);
    return content;
}
