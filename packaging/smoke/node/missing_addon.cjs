// Run with this platform's momentpay package removed: loading momentpay must fail with an
// error that names this platform and the supported ones (not napi's generic message), and
// momentpay/edge must still load (it needs no addon).
'use strict'

const { platformKey } = require('momentpay-sim')
try {
  require('momentpay')
  console.error('smoke: FAIL: momentpay loaded without its platform package')
  process.exit(1)
} catch (error) {
  const message = String(error && error.message)
  const expected = [`no native addon for ${platformKey()}`, 'Supported platforms:', 'linux-x64-gnu', 'darwin-arm64', 'win32-x64-msvc']
  const missing = expected.filter((part) => !message.includes(part))
  if (missing.length > 0) {
    console.error(`smoke: FAIL: the load error lacks ${JSON.stringify(missing)}: ${message}`)
    process.exit(1)
  }
}
require('momentpay/edge')
console.log('smoke: ok (a missing platform package is named in the load error; momentpay/edge still loads)')
