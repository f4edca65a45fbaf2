'use strict'
// Finds the momentpay-sim binary: MOMENTPAY_SIM_BIN, else the platform package npm installed
// from this package's optionalDependencies (momentpay-sim-<platform>).

const path = require('node:path')

function libc() {
  if (process.platform !== 'linux') return ''
  const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null
  return report?.header?.glibcVersionRuntime ? '-gnu' : '-musl'
}

function platformKey() {
  const abi = process.platform === 'win32' ? '-msvc' : libc()
  return `${process.platform}-${process.arch}${abi}`
}

function binaryPath() {
  if (process.env.MOMENTPAY_SIM_BIN) return process.env.MOMENTPAY_SIM_BIN
  const key = platformKey()
  const name = `momentpay-sim-${key}`
  const exe = process.platform === 'win32' ? 'momentpay-sim.exe' : 'momentpay-sim'
  try {
    return path.join(path.dirname(require.resolve(`${name}/package.json`)), exe)
  } catch {
    const supported = Object.keys(require('./package.json').optionalDependencies ?? {})
      .map((dep) => dep.slice('momentpay-sim-'.length))
    const hint = supported.includes(key)
      ? `npm did not install ${name} (installed with --omit=optional or --no-optional?): reinstall without that flag`
      : 'build it from source (cargo install momentpay-sim) and set MOMENTPAY_SIM_BIN'
    throw new Error(`momentpay-sim: no binary for ${key}; supported platforms: ${supported.join(', ') || '(none listed)'}. ${hint}.`)
  }
}

module.exports = { binaryPath, platformKey }
