/**
 * `momentpay/edge`: webhook verification without the native addon (Cloudflare Workers,
 * Vercel Edge, Deno, browsers), on WebCrypto. Same vectors as the Rust core.
 *
 *   import { EdgeWebhook } from 'momentpay/edge'
 *   const event = await new EdgeWebhook(secret).verify(await request.text(), request.headers)
 */
export * from './lib/edge'
