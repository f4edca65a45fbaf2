"use strict";
/** Header and body normalisation shared by the native and the addon-free verifiers. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.isWebhookHeader = isWebhookHeader;
exports.headerPairs = headerPairs;
exports.webhookHeaderValues = webhookHeaderValues;
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
        throw new errors_1.ValidationError({ kind: 'validation', field: 'headers', message: 'invalid `headers`: must be an object, a Headers instance or an iterable of [name, value] pairs' });
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
            pairs.push([name, headerText(value)]);
        }
    }
    return pairs;
}
function headerText(value) {
    return Array.isArray(value) ? value.join(', ') : String(value);
}
/**
 * The `webhook-id`, `webhook-timestamp` and `webhook-signature` values (any name case; the
 * first of repeated names), from any `HeadersLike`. A plain object with lower-case names
 * (Node's `req.headers`) is read directly; anything else is scanned once.
 */
function webhookHeaderValues(headers) {
    if (headers != null && typeof headers === 'object' && Object.getPrototypeOf(headers) === Object.prototype) {
        const record = headers;
        const id = record['webhook-id'];
        const timestamp = record['webhook-timestamp'];
        const signature = record['webhook-signature'];
        if (id !== undefined && timestamp !== undefined && signature !== undefined) {
            return [headerText(id), headerText(timestamp), headerText(signature)];
        }
    }
    const found = new Map();
    for (const [name, value] of headerPairs(headers, isWebhookHeader)) {
        const lower = name.toLowerCase();
        if (!found.has(lower))
            found.set(lower, value);
    }
    return [found.get('webhook-id'), found.get('webhook-timestamp'), found.get('webhook-signature')];
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
        throw new errors_1.ValidationError({
            kind: 'validation',
            field: 'body',
            message: 'invalid `body`: it is a parsed object: pass the raw request body exactly as received ' +
                "(e.g. express.raw({ type: 'application/json' }) and req.body, or await request.text()), not JSON.parse'd data",
        });
    }
    throw new errors_1.ValidationError({ kind: 'validation', field: 'body', message: 'invalid `body`: must be the raw request body as a Buffer, Uint8Array, ArrayBuffer or string' });
}
/** Checks a tolerance option (the addon-free verifier has no core to do it). */
function checkTolerance(toleranceSeconds) {
    const tolerance = toleranceSeconds ?? 180;
    if (!Number.isFinite(tolerance) || tolerance < 0) {
        throw new errors_1.ValidationError({ kind: 'validation', field: 'toleranceSeconds', message: 'invalid `toleranceSeconds`: must be a non-negative number' });
    }
    return tolerance;
}
