/**
 * Where the `momentpay-sim` binary for this platform is installed (from its platform
 * package, or `MOMENTPAY_SIM_BIN` when that is set).
 *
 * @throws Error naming this platform and the supported ones when no binary is installed.
 */
export function binaryPath(): string

/** This platform in the packages' naming, e.g. `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
export function platformKey(): string
