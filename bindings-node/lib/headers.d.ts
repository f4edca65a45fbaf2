/** Header and body normalisation shared by the native and the addon-free verifiers. */
/** Anything a framework hands over as request headers. */
export type HeadersLike = Record<string, string | string[] | undefined> | Iterable<[string, string]> | {
    forEach(callback: (value: string, name: string) => void): void;
};
/** The raw request body, exactly as received. */
export type RawBody = string | Uint8Array | ArrayBuffer;
/** Whether a header name is one of the three a verifier reads (any case). */
export declare function isWebhookHeader(name: string): boolean;
/**
 * Header pairs from a plain object, a `Headers`, a `Map` or an iterable of pairs; with `keep`,
 * only the names it accepts (the rest are skipped unconverted).
 */
export declare function headerPairs(headers: HeadersLike, keep?: (name: string) => boolean): Array<[string, string]>;
/**
 * The `webhook-id`, `webhook-timestamp` and `webhook-signature` values (any name case; the
 * first of repeated names), from any `HeadersLike`. A plain object with lower-case names
 * (Node's `req.headers`) is read directly; anything else is scanned once.
 */
export declare function webhookHeaderValues(headers: HeadersLike): [string | undefined, string | undefined, string | undefined];
/** The body as bytes; a parsed object gets an error that teaches the fix. */
export declare function bodyBytes(body: RawBody): Uint8Array;
/** Checks a tolerance option (the addon-free verifier has no core to do it). */
export declare function checkTolerance(toleranceSeconds: number | undefined): number;
