// An Express webhook receiver. express.raw() keeps the body as the exact bytes Moment
// signed; express.json() would parse and re-serialise it, and the signature would not match.
//
//   MOMENT_WEBHOOK_SECRET=whsec_... node express_webhooks.mjs
import express from 'express'
import { Webhook, WebhookVerificationError } from 'momentpay'

export function createApp(secret, handled = []) {
  const webhook = new Webhook(secret)
  const seen = new Set()
  const app = express()
  // type '*/*': the raw bytes whatever Content-Type says (with 'application/json' a request
  // without it would leave req.body = {}); limit: Moment's events are small, and the
  // verifier refuses more than 1 MiB anyway.
  app.post('/webhooks', express.raw({ type: '*/*', limit: '1mb' }), (req, res) => {
    let event
    try {
      event = webhook.verify(req.body, req.headers)
    } catch (error) {
      if (error instanceof WebhookVerificationError) return res.status(400).send(`invalid webhook: ${error.code}`)
      throw error
    }
    if (seen.has(req.get('webhook-id'))) return res.sendStatus(200)
    switch (event.type) {
      case 'payment_session.completed':
        console.log(`session ${event.data.id}: ${event.data.payment_outcome}`)
        break
      case 'payment.succeeded':
        console.log(`payment ${event.data.id}: ${event.data.amount} ${event.data.currency}`)
        break
      default:
        break
    }
    handled.push(event)
    // Recorded only once handled: if handling threw, Moment's retry is handled again. (In
    // production keep the IDs durably, for at least the 28 h of Moment's retry schedule.)
    seen.add(req.get('webhook-id'))
    res.sendStatus(200)
  })
  return app
}

if (import.meta.url === `file://${process.argv[1]}`) {
  createApp(process.env.MOMENT_WEBHOOK_SECRET).listen(Number(process.env.PORT ?? 8000))
}
