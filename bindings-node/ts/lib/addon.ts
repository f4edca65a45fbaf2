/**
 * The native addon, loaded once. When no addon is installed for this platform the error
 * names the platform, the platforms the package supports and what to do next, where
 * napi's own loader only says it cannot find a binding.
 */

import type * as Native from '../../native'

/** This platform in napi's package naming: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
export function platformKey(): string {
  let abi = ''
  if (process.platform === 'win32') abi = '-msvc'
  if (process.platform === 'linux') {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined
    abi = report?.header?.glibcVersionRuntime ? '-gnu' : '-musl'
  }
  return `${process.platform}-${process.arch}${abi}`
}

function load(): typeof Native {
  try {
    return require('../../native') as typeof Native
  } catch (cause) {
    const manifest = require('../../package.json') as { optionalDependencies?: Record<string, string> }
    const supported = Object.keys(manifest.optionalDependencies ?? {}).map((name) => name.slice('momentpay-'.length))
    const key = platformKey()
    const hint = supported.includes(key)
      ? `npm did not install momentpay-${key} (installed with --omit=optional, or from a lock file made on another platform?): reinstall it, or add it to your dependencies`
      : 'webhooks can still be verified without the addon through momentpay/edge'
    const list = supported.length > 0 ? supported.join(', ') : 'none (a source checkout: run `npm run build` in bindings-node)'
    throw new Error(`momentpay: no native addon for ${key}. Supported platforms: ${list}. ${hint}.`, { cause })
  }
}

/** The addon's exports. */
export const native: typeof Native = load()
