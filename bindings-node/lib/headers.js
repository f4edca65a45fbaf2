"use strict";
/** Header and body normalisation shared by the native and the addon-free verifiers. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.isWebhookHeader = isWebhookHeader;
exports.headerPairs = headerPairs;
exports.bodyBytes = bodyBytes;
exports.checkTolerance = checkTolerance;
const errors_1 = require("./errors");
const WEBHOOK_HEADERS = new Set(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
/** Whether a header name is one of the three a verifier reads (any case). */
function isWebhookHeader(name) {
    return name.length >= 10 && name.length <= 17 && WEBHOOK_HEADERS.has(name.toLowerCase());
}
/**
 * Header pairs from a plain object, a `Headers`, a `Map` or an iterable of pairs; with `keep`,
 * only the names it accepts (the rest are skipped unconverted).
 */
function headerPairs(headers, keep = () => true) {
    const pairs = [];
    if (headers == null || typeof headers !== 'object') {
        throw new TypeError('headers must be an object, a Headers instance or an iterable of [name, value] pairs');
    }
    const withForEach = headers;
    if (typeof headers[Symbol.iterator] === 'function' && !(headers instanceof Map)) {
        for (const pair of headers) {
            const name = String(pair[0]);
            if (keep(name))
                pairs.push([name, String(pair[1])]);
        }
    }
    else if (typeof withForEach.forEach === 'function' && !Array.isArray(headers)) {
        ;
        headers.forEach((value, name) => {
            if (keep(String(name)))
                pairs.push([String(name), String(value)]);
        });
    }
    else {
        for (const [name, value] of Object.entries(headers)) {
            if (value === undefined || !keep(name))
                continue;
            pairs.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
        }
    }
    return pairs;
}
/** The body as bytes; a parsed object gets an error that teaches the fix. */
function bodyBytes(body) {
    if (typeof body === 'string')
        return new TextEncoder().encode(body);
    if (body instanceof Uint8Array)
        return body;
    if (body instanceof ArrayBuffer)
        return new Uint8Array(body);
    if (body !== null && typeof body === 'object') {
        throw new TypeError('the webhook body is a parsed object: pass the raw request body exactly as received ' +
            "(e.g. express.raw({ type: 'application/json' }) and req.body, or await request.text()), not JSON.parse'd data");
    }
    throw new TypeError('the webhook body must be the raw request body as a Buffer, Uint8Array, ArrayBuffer or string');
}
/** Checks a tolerance option (the addon-free verifier has no core to do it). */
function checkTolerance(toleranceSeconds) {
    const tolerance = toleranceSeconds ?? 180;
    if (!Number.isFinite(tolerance) || tolerance < 0) {
        throw new errors_1.ValidationError({ kind: 'validation', field: 'toleranceSeconds', message: 'invalid `toleranceSeconds`: must be a non-negative number' });
    }
    return tolerance;
}
