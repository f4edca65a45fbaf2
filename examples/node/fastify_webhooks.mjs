// A Fastify webhook receiver. The route's content-type parser keeps the body as the exact
// bytes Moment signed (Fastify's JSON parser would parse it, and re-serialised JSON does not
// match the signature), whatever Content-Type says, up to 1 MiB.
//
//   MOMENT_WEBHOOK_SECRET=whsec_... node fastify_webhooks.mjs
import Fastify from 'fastify'
import { Webhook, WebhookVerificationError } from 'momentpay'

export function createApp(secret, handled = []) {
  const webhook = new Webhook(secret)
  const seen = new Set()
  const app = Fastify()
  app.register(async (scope) => {
    // Scoped to this plugin: the app's other routes keep Fastify's JSON parsing.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1 << 20 }, (request, body, done) => done(null, body))
    scope.post('/webhooks', async (request, reply) => {
      let event
      try {
        event = webhook.verify(request.body, request.headers)
      } catch (error) {
        if (error instanceof WebhookVerificationError) return reply.code(400).send(`invalid webhook: ${error.code}`)
        throw error
      }
      const messageId = request.headers['webhook-id']
      if (seen.has(messageId)) return reply.code(200).send('duplicate')
      if (event.type === 'payment.succeeded') console.log(`payment ${event.data.id}: ${event.data.amount} ${event.data.currency}`)
      handled.push(event)
      // Recorded only once handled: if handling threw, Moment's retry is handled again.
      seen.add(messageId)
      return reply.code(200).send('ok')
    })
  })
  return app
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await createApp(process.env.MOMENT_WEBHOOK_SECRET).listen({ port: Number(process.env.PORT ?? 8000) })
}
