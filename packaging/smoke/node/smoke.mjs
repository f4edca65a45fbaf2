// ESM `import` of the installed packages: named exports and the default export agree, and
// both subpaths load (momentpay/edge without touching the addon).
import momentpay, { Moment, Webhook, NotFoundError, VERSION } from 'momentpay'
import { EdgeWebhook } from 'momentpay/edge'
import { binaryPath } from 'momentpay-sim'

const checks = [
  [typeof Moment === 'function' && Moment === momentpay.Moment, 'Moment'],
  [typeof Webhook === 'function', 'Webhook'],
  [new NotFoundError({ kind: 'not_found', message: 'x' }) instanceof momentpay.MomentError, 'error classes'],
  [typeof EdgeWebhook === 'function', 'momentpay/edge'],
  [binaryPath().length > 0, 'momentpay-sim binaryPath'],
]
for (const [ok, what] of checks) {
  if (!ok) {
    console.error(`smoke: FAIL: import ${what}`)
    process.exit(1)
  }
}
const secret = Webhook.generateSecret()
if (!secret.startsWith('whsec_')) process.exit(1)
console.log(`smoke: ok (momentpay ${VERSION}, Node ${process.version}, import)`)
