#!/usr/bin/env node
'use strict'
// Runs the platform's momentpay-sim binary with this command's arguments and standard
// streams. Termination signals sent to this process are passed on, and it exits as the
// binary did (a signal that ended the binary ends this process the same way).

const { spawn } = require('node:child_process')
const { binaryPath } = require('..')

let binary
try {
  binary = binaryPath()
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal))
}
child.on('error', (error) => {
  console.error(`momentpay-sim: cannot run ${binary}: ${error.message}`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  } else {
    process.exit(code ?? 1)
  }
})
