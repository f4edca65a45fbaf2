// The recurring-payments quickstart: a first_in_series checkout sets up a mandate, the
// verified payment_session.completed webhook gives the customer and payment method, then
// three next_in_series charges run without the customer.
//
//   MOMENT_API_KEY=sk_test_... MOMENT_BASE_URL=... [MOMENT_SIM_URL=...] node recurring_quickstart.mjs
import http from 'node:http'
import { once } from 'node:events'
import { Moment, Webhook, WebhookVerificationError } from 'momentpay'
import { SIM_URL, control } from './sim.mjs'

const moment = new Moment()
const events = []
const waiters = []
let webhook = process.env.MOMENT_WEBHOOK_SECRET ? new Webhook(process.env.MOMENT_WEBHOOK_SECRET) : null

// A webhook endpoint: read the raw body, verify it first, acknowledge, then process.
const server = http.createServer(async (req, res) => {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  try {
    const event = webhook.verify(Buffer.concat(chunks), req.headers)
    res.writeHead(200).end()
    events.push(event)
    waiters.splice(0).forEach((wake) => wake())
  } catch (error) {
    res.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end()
  }
})
server.listen(0, '127.0.0.1')
await once(server, 'listening')
const url = `http://127.0.0.1:${server.address().port}/webhooks`
if (SIM_URL) webhook = new Webhook((await control('POST', '/_sim/webhook_endpoints', { url })).secret)
console.log(`Webhook receiver at ${url}`)

async function completed(sessionId, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const event = events.find((e) => e.type === 'payment_session.completed' && e.data.id === sessionId)
    if (event) return event.data
    if (Date.now() > deadline) throw new Error(`no payment_session.completed for ${sessionId}`)
    await new Promise((wake) => { waiters.push(wake); setTimeout(wake, 200) })
  }
}

console.log('1. Create a first_in_series session')
const session = await moment.paymentSessions.create({
  amount: 5000,
  currency: 'ZAR',
  type: 'first_in_series',
  options: { customer: { name: 'Alex', email: 'alex@example.com' }, mandate_options: { type: 'on_demand', amount: { max: 5000 } } },
})
console.log(`   ${session.id}: send the customer to ${session.session_url}`)
console.log('2. The customer pays with 4242 4242 4242 4242')
if (SIM_URL) await control('POST', `/_sim/payment_sessions/${session.id}/complete`, { card_number: '4242 4242 4242 4242' })
const first = await completed(session.id, SIM_URL ? 30_000 : 600_000)
console.log(`3. Verified payment_session.completed: customer ${first.customer_id}, method ${first.payment_method_id}`)

for (const [i, amount] of [1500, 2500, 3500].entries()) {
  const charge = await moment.paymentSessions.create(
    { amount, currency: 'ZAR', type: 'next_in_series', options: { customer: first.customer_id, payment_method: first.payment_method_id } },
    { idempotencyKey: `${first.customer_id}-charge-${i + 1}` },
  )
  const done = await completed(charge.id)
  console.log(`${4 + i}. next_in_series R${(amount / 100).toFixed(2)}: ${done.payment_outcome}`)
  if (done.payment_outcome !== 'paid') throw new Error(`charge ${i + 1} failed`)
}
server.close()
console.log('Done: three recurring payments, every webhook verified.')
