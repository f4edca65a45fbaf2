/**
 * The native addon, loaded once. When no addon is installed for this platform the error
 * names the platform, the platforms the package supports and what to do next, where
 * napi's own loader only says it cannot find a binding.
 */
import type * as Native from '../native';
/** This platform in napi's package naming: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
export declare function platformKey(): string;
/** The addon's exports. */
export declare const native: typeof Native;
