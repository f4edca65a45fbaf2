// The build's second step, after tsc: the ESM entry points (dist/index.mjs, edge.mjs,
// testing.mjs) re-export, by name, exactly what the CommonJS build exports, so the two module
// systems can never differ (and no module exists twice: the ESM files load the CJS ones).
// Their declarations (ts/*.d.mts, hand-written: `export * from './index.js'`) are copied
// beside them.
//
//   node esm.cjs     (run by `npm run build:ts`, after `tsc`)
'use strict'

const fs = require('node:fs')
const path = require('node:path')

const dist = path.join(__dirname, 'dist')
for (const [entry, what] of [['index', 'momentpay'], ['edge', 'momentpay/edge (no native addon)'], ['testing', 'momentpay/testing (test fixtures)']]) {
  const names = Object.keys(require(path.join(dist, `${entry}.js`)))
    .filter((name) => name !== 'default' && name !== '__esModule')
    .sort()
  const lines = [
    `// ESM entry point of ${what}: the CommonJS build, re-exported by name.`,
    '// Written by esm.cjs at build time from the names the CommonJS build exports.',
    `import cjs from './${entry}.js'`,
    '',
    'export const {',
    ...names.map((name) => `  ${name},`),
    '} = cjs',
    'export default cjs',
    '',
  ]
  fs.writeFileSync(path.join(dist, `${entry}.mjs`), lines.join('\n'))
  fs.copyFileSync(path.join(__dirname, 'ts', `${entry}.d.mts`), path.join(dist, `${entry}.d.mts`))
}
