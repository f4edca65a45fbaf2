/**
 * One API call through the native client: the call's options (checked by the core: an
 * unknown name is an error, never ignored), its `AbortSignal` wired to the core's
 * cancellation, and what the response said about itself kept on the model.
 */
import type { NativeClient } from '../native';
import { fromNative } from './errors';
import type { ApiResponse, RequestOptions } from './models';
export { fromNative };
/**
 * Refuses a value nested deeper than the core's limit before the addon converts it (a
 * recursive conversion of a value 10,000 deep would fail with an untyped error, and a
 * cyclic object never ends); the error names the top-level field, as in every language.
 */
export declare function checkNesting(value: unknown, what: string): void;
/** Runs `operation` with `params` and the call's `options`. */
export declare function call<T>(client: NativeClient, operation: string, id: string | null, params: unknown, options?: RequestOptions): Promise<ApiResponse<T>>;
