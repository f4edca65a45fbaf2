#!/usr/bin/env node
// Stages an npm package for publishing and packs it: the root package with one
// optionalDependency per platform package (napi-rs's layout), and the platform package of
// this machine with its native file.
//
//   node packaging/npm_stage.mjs momentpay <addon.node> <out-dir> [platform]
//   node packaging/npm_stage.mjs momentpay-sim <binary> <out-dir> [platform]
//
// [platform] (napi's naming: linux-arm64-musl) is the platform the native file was built
// for; it defaults to this machine's (the release workflow cross-builds some).
//
// The platforms are bindings-node/package.json's napi.targets (one list for both packages).
// The development manifests carry no optionalDependencies: `npm ci` in a checkout must never
// fetch an unpublished (or somebody else's) platform package from the registry.

import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const [kind, nativeFile, outDir, platformArg] = process.argv.slice(2)
if (!['momentpay', 'momentpay-sim'].includes(kind) || !nativeFile || !outDir) {
  console.error('usage: npm_stage.mjs momentpay|momentpay-sim <native file> <out dir>')
  process.exit(2)
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))
const writeJson = (path, value) => writeFileSync(path, JSON.stringify(value, null, 2) + '\n')
const nodeManifest = readJson(join(root, 'bindings-node/package.json'))

// napi's platform names for the Rust targets it builds (`linux-x64-gnu`, `darwin-arm64`).
const ARCH = { x86_64: 'x64', aarch64: 'arm64' }
const OS = { linux: 'linux', darwin: 'darwin', windows: 'win32' }
function platformOf(triple) {
  const [arch, , os, abi] = triple.split('-')
  const name = [OS[os], ARCH[arch], abi === 'gnu' || abi === 'musl' || abi === 'msvc' ? abi : null]
  if (!name[0] || !name[1]) throw new Error(`unknown target ${triple}`)
  const libc = abi === 'gnu' ? ['glibc'] : abi === 'musl' ? ['musl'] : undefined
  return { key: name.filter(Boolean).join('-'), os: [OS[os]], cpu: [ARCH[arch]], libc }
}
const platforms = nodeManifest.napi.targets.map(platformOf)
const here = platformArg ?? (() => {
  let abi = ''
  if (process.platform === 'win32') abi = '-msvc'
  if (process.platform === 'linux') abi = process.report.getReport().header.glibcVersionRuntime ? '-gnu' : '-musl'
  return `${process.platform}-${process.arch}${abi}`
})()
const mine = platforms.find((p) => p.key === here)
if (!mine) throw new Error(`platform ${here} is not among napi.targets`)

// Under CARGO_TARGET_DIR when it is set, as every script's scratch files are.
const stage = join(resolve(root, process.env.CARGO_TARGET_DIR || 'target'), 'npm-stage', kind)
rmSync(stage, { recursive: true, force: true })
mkdirSync(stage, { recursive: true })
mkdirSync(outDir, { recursive: true })

function pack(dir) {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(outDir)], { cwd: dir, encoding: 'utf8' })
  const [info] = JSON.parse(out)
  console.log(`packed ${info.filename} (${info.entryCount} files, ${info.size} bytes)`)
  return info.filename
}

function licenses(dir) {
  for (const name of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(root, name), join(dir, name))
}

// The published root manifest: the development one without its build-only fields, plus
// every platform package at this exact version.
function publishedManifest(source, prefix) {
  const manifest = { ...source }
  for (const field of ['devDependencies', 'scripts', 'overrides']) delete manifest[field]
  manifest.optionalDependencies = Object.fromEntries(platforms.map((p) => [`${prefix}-${p.key}`, manifest.version]))
  return manifest
}

function platformManifest(source, prefix, platform, file, description) {
  const manifest = {
    name: `${prefix}-${platform.key}`,
    version: source.version,
    description,
    license: source.license,
    repository: source.repository,
    os: platform.os,
    cpu: platform.cpu,
    ...(platform.libc ? { libc: platform.libc } : {}),
    files: [file, 'LICENSE-MIT', 'LICENSE-APACHE'],
    engines: source.engines,
  }
  if (file.endsWith('.node')) manifest.main = file
  return manifest
}

if (kind === 'momentpay') {
  // Exactly the files `npm pack` would take from bindings-node (its `files` list).
  const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: join(root, 'bindings-node'), encoding: 'utf8' }))
  for (const { path } of listing[0].files) {
    if (path === 'package.json') continue
    if (path.endsWith('.node')) throw new Error(`the root package must not ship ${path}`)
    mkdirSync(dirname(join(stage, path)), { recursive: true })
    copyFileSync(join(root, 'bindings-node', path), join(stage, path))
  }
  licenses(stage)
  writeJson(join(stage, 'package.json'), publishedManifest(nodeManifest, 'momentpay'))
  pack(stage)

  // The platform package, in the directory `napi create-npm-dirs` writes for it.
  execFileSync('npx', ['napi', 'create-npm-dirs'], { cwd: join(root, 'bindings-node'), stdio: 'inherit' })
  const dir = join(stage + '-' + mine.key)
  cpSync(join(root, 'bindings-node/npm', mine.key), dir, { recursive: true })
  const file = `${nodeManifest.napi.binaryName}.${mine.key}.node`
  copyFileSync(nativeFile, join(dir, file))
  licenses(dir)
  const generated = readJson(join(dir, 'package.json'))
  if (generated.main !== file) throw new Error(`napi create-npm-dirs named the addon ${generated.main}, not ${file}`)
  writeJson(join(dir, 'package.json'), { ...generated, repository: nodeManifest.repository, files: [file, 'LICENSE-MIT', 'LICENSE-APACHE'] })
  pack(dir)
} else {
  const simManifest = readJson(join(root, 'simulator/npm/package.json'))
  if (simManifest.version !== nodeManifest.version) throw new Error('simulator/npm and bindings-node versions differ')
  cpSync(join(root, 'simulator/npm'), stage, { recursive: true })
  copyFileSync(join(root, 'simulator/README.md'), join(stage, 'README.md'))
  licenses(stage)
  writeJson(join(stage, 'package.json'), publishedManifest(simManifest, 'momentpay-sim'))
  pack(stage)

  const dir = stage + '-' + mine.key
  mkdirSync(dir, { recursive: true })
  const file = mine.os[0] === 'win32' ? 'momentpay-sim.exe' : 'momentpay-sim'
  copyFileSync(nativeFile, join(dir, file))
  chmodSync(join(dir, file), 0o755)
  licenses(dir)
  writeFileSync(join(dir, 'README.md'), `# \`momentpay-sim-${mine.key}\`\n\nThe \`momentpay-sim\` binary for ${mine.key}; install \`momentpay-sim\`, which picks it.\n`)
  writeJson(join(dir, 'package.json'), platformManifest(simManifest, 'momentpay-sim', mine, file, `The momentpay-sim binary for ${mine.key} (installed by momentpay-sim).`))
  pack(dir)
}
