"use strict";
/**
 * One API call through the native client: the call's options (checked by the core: an
 * unknown name is an error, never ignored), its `AbortSignal` wired to the core's
 * cancellation, and what the response said about itself kept on the model.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.fromNative = void 0;
exports.checkNesting = checkNesting;
exports.call = call;
const addon_1 = require("./addon");
const errors_1 = require("./errors");
Object.defineProperty(exports, "fromNative", { enumerable: true, get: function () { return errors_1.fromNative; } });
function isSignal(value) {
    return typeof value === 'object' && value !== null && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function';
}
/** The model, with `_requestId` and `_idempotentReplayed` (not enumerable: JSON and spreads leave them out). */
function withResponse(invoked) {
    const data = invoked.data;
    if (typeof data === 'object' && data !== null) {
        Object.defineProperties(data, {
            _requestId: { value: invoked.requestId, enumerable: false },
            _idempotentReplayed: { value: invoked.idempotentReplayed, enumerable: false },
        });
    }
    return data;
}
const MAX_NESTING = addon_1.native.maxNesting();
/**
 * Refuses a value nested deeper than the core's limit before the addon converts it (a
 * recursive conversion of a value 10,000 deep would fail with an untyped error, and a
 * cyclic object never ends); the error names the top-level field, as in every language.
 */
function checkNesting(value, what) {
    const stack = [[value, 1, null]];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        const [current, depth, top] = next;
        if (typeof current !== 'object' || current === null)
            continue;
        if (depth > MAX_NESTING) {
            try {
                addon_1.native.nestingError(top ?? what);
            }
            catch (error) {
                throw (0, errors_1.fromNative)(error);
            }
        }
        const entries = Array.isArray(current) ? current.map((item) => [null, item]) : Object.entries(current);
        // A key '' is no field name: the error then names the parameters.
        for (const [key, child] of entries)
            stack.push([child, depth + 1, depth === 1 && key ? key : top]);
    }
}
/** Runs `operation` with `params` and the call's `options`. */
async function call(client, operation, id, params, options) {
    let rest = options ?? null;
    let cancel = null;
    let signal;
    let onAbort;
    if (typeof options === 'object' && options !== null && 'signal' in options) {
        const { signal: given, ...others } = options;
        rest = others;
        if (given !== undefined && given !== null) {
            if (!isSignal(given))
                throw new errors_1.ValidationError({ kind: 'validation', field: 'signal', message: 'invalid `signal`: must be an AbortSignal' });
            if (given.aborted)
                throw new errors_1.APIUserAbortError({ kind: 'cancelled', message: `${operation} was aborted before it started` });
            signal = given;
            const token = new addon_1.native.NativeCancel();
            onAbort = () => token.cancel();
            signal.addEventListener('abort', onAbort, { once: true });
            cancel = token;
        }
    }
    try {
        checkNesting(params, 'params');
        checkNesting(rest, 'options');
        return withResponse((await client.invoke(operation, id, params ?? null, rest, cancel)));
    }
    catch (error) {
        throw (0, errors_1.fromNative)(error);
    }
    finally {
        if (signal && onAbort)
            signal.removeEventListener('abort', onAbort);
    }
}
