"use strict";
/**
 * The native addon, loaded once. When no addon is installed for this platform the error
 * names the platform, the platforms the package supports and what to do next, where
 * napi's own loader only says it cannot find a binding.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.native = void 0;
exports.platformKey = platformKey;
/** This platform in napi's package naming: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
function platformKey() {
    let abi = '';
    if (process.platform === 'win32')
        abi = '-msvc';
    if (process.platform === 'linux') {
        const report = process.report?.getReport();
        abi = report?.header?.glibcVersionRuntime ? '-gnu' : '-musl';
    }
    return `${process.platform}-${process.arch}${abi}`;
}
function load() {
    try {
        return require('../native');
    }
    catch (cause) {
        const manifest = require('../package.json');
        const supported = Object.keys(manifest.optionalDependencies ?? {}).map((name) => name.slice('momentpay-'.length));
        const key = platformKey();
        const hint = supported.includes(key)
            ? `npm did not install momentpay-${key} (installed with --omit=optional, or from a lock file made on another platform?): reinstall it, or add it to your dependencies`
            : 'webhooks can still be verified without the addon through momentpay/edge';
        const list = supported.length > 0 ? supported.join(', ') : 'none (a source checkout: run `npm run build` in bindings-node)';
        throw new Error(`momentpay: no native addon for ${key}. Supported platforms: ${list}. ${hint}.`, { cause });
    }
}
/** The addon's exports. */
exports.native = load();
