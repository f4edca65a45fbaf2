/**
 * `momentpay/testing`: a local Moment (the `momentpay-sim` binary from the `momentpay-sim`
 * npm package) with a merchant of your test's own, usable from node:test, Jest and Vitest.
 */

import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import { Moment } from './client'
import { ValidationError } from './errors'
import type { ClientOptions, EventType, PaymentSession } from './models'
import { WebhookReceiver, type Inbox } from './receiver'

/** The simulator refused a control call, or could not be started or reached. */
export class SimulatorError extends Error {
  /** The HTTP status, or null when nothing answered. */
  readonly status: number | null
  /** The argument it refused, when it said. */
  readonly field: string | null

  constructor(message: string, status: number | null = null, field: string | null = null) {
    super(message)
    this.name = 'SimulatorError'
    this.status = status
    this.field = field
  }
}

/** The `momentpay-sim` binary is not installed where the fixtures look. */
export class SimulatorNotFoundError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SimulatorNotFoundError'
  }
}

/**
 * The path of the `momentpay-sim` binary: `MOMENTPAY_SIM_BIN`, else the `momentpay-sim` npm
 * package (`npm install --save-dev momentpay-sim`). Throws SimulatorNotFoundError naming
 * where it looked.
 */
export function findSimulator(): string {
  const explicit = process.env.MOMENTPAY_SIM_BIN
  if (explicit) return explicit
  let found: { binaryPath(): string }
  try {
    found = require('momentpay-sim') as { binaryPath(): string }
  } catch {
    throw new SimulatorNotFoundError(
      'the momentpay-sim binary was not found; looked in: MOMENTPAY_SIM_BIN (not set); the momentpay-sim package (not installed). ' +
        'Install it with `npm install --save-dev momentpay-sim`, or set MOMENTPAY_SIM_BIN to its path.',
    )
  }
  try {
    return found.binaryPath()
  } catch (error) {
    throw new SimulatorNotFoundError(`the momentpay-sim package has no binary here: ${(error as Error).message}`)
  }
}

/** Options of `SimulatorServer.start`. */
export interface SimulatorServerOptions {
  /** The binary (default: `findSimulator()`). */
  binary?: string
  /** Seeds fault injection and webhook chaos that have no seed of their own. */
  seed?: number
}

/** One `momentpay-sim` process on a free loopback port; many merchants can share it. */
export class SimulatorServer {
  /** The simulator's URL. */
  readonly baseUrl: string
  readonly #child: ChildProcess
  #stopped = false

  private constructor(baseUrl: string, child: ChildProcess) {
    this.baseUrl = baseUrl
    this.#child = child
  }

  /** Starts the process and waits for its first line (`base_url=…`). */
  static async start(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
    const binary = options.binary ?? findSimulator()
    // --stop-with-stdin: the process ends when our end of its stdin pipe closes, which
    // happens when this process dies in any way (SIGKILL included): no orphan.
    const args = ['serve', '--port', '0', '--stop-with-stdin']
    if (options.seed !== undefined) {
      if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
        throw new ValidationError({ kind: 'validation', field: 'seed', message: `seed: expected a whole number from 0, got ${String(options.seed)}` })
      }
      args.push('--seed', String(options.seed))
    }
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const stderr: string[] = []
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk)
      if (stderr.length > 50) stderr.shift()
    })
    const first = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! })
      lines.once('line', resolve)
      child.once('error', (error) => reject(new SimulatorError(`cannot run ${binary}: ${error.message}`)))
      child.once('exit', (code) => reject(new SimulatorError(`${binary} did not start (exit ${code}): ${stderr.join('').trim() || 'no output'}`)))
    })
    if (!first.startsWith('base_url=')) {
      child.kill()
      throw new SimulatorError(`${binary} did not start: ${first}`)
    }
    // The process never keeps a test runner alive, and never outlives it.
    child.unref()
    ;(child.stdin as { unref?: () => void } | null)?.unref?.()
    ;(child.stdout as { unref?: () => void } | null)?.unref?.()
    ;(child.stderr as { unref?: () => void } | null)?.unref?.()
    const kill = (): void => {
      child.kill()
    }
    process.once('exit', kill)
    child.once('exit', () => process.removeListener('exit', kill))
    return new SimulatorServer(first.slice('base_url='.length), child)
  }

  /** A control API call; resolves with its JSON (null for an empty body). */
  async call(method: string, path: string, body?: unknown, key?: string): Promise<unknown> {
    let response: Response
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (error) {
      throw new SimulatorError(`cannot reach the simulator at ${this.baseUrl}: ${(error as Error).message}`)
    }
    const text = await response.text()
    if (!response.ok) {
      let problem: { detail?: string; title?: string; errors?: { field?: string }[] } = {}
      try {
        problem = JSON.parse(text)
      } catch {
        // Not a problem document: the text says it.
      }
      throw new SimulatorError(`${method} ${path}: ${response.status} ${problem.detail ?? problem.title ?? text}`, response.status, problem.errors?.[0]?.field ?? null)
    }
    return text ? JSON.parse(text) : null
  }

  /** Stops the process. */
  async stop(): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    if (this.#child.exitCode !== null) return
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()))
    // Referenced again while it stops, so the event loop waits for its exit.
    this.#child.ref()
    this.#child.kill('SIGTERM')
    await exited
  }
}

/** The merchant's clock after a move. */
export interface Clock {
  /** Its virtual time (RFC 3339). */
  now: string
  /** How far it is ahead of real time, in seconds. */
  offset_seconds: number
  /** Subscription charges the move made. */
  subscription_charges: number
  /** `advanceToNextEvent`: what ran (`subscription charge`, `session expiry`, ...), or null. */
  what?: string | null
  /** `advanceToNextEvent`: when it was due. */
  at?: string | null
}

/** What `trigger` created. */
export interface Triggered {
  event: string
  /** `[kind, id]` of each object, e.g. `['payment_session', 'ps_…']`. */
  objects: [string, string][]
}

/** `advanceClock`'s amount: the parts add up. */
export interface Duration {
  seconds?: number
  minutes?: number
  hours?: number
  days?: number
}

/** Faults for the merchant's API calls (`injectFaults`). */
export interface FaultOptions {
  /** Probability, 0 to 1, that a call gets a fault. */
  rate?: number
  /** Kinds to choose from (default: all). */
  kinds?: ('500' | '503' | '429' | 'drop' | 'lost_response' | 'delay' | '502_after_commit')[]
  /** Faults for the next calls, in order, before `rate` applies. */
  next?: ('500' | '503' | '429' | 'drop' | 'lost_response' | 'delay' | '502_after_commit')[]
  /** `Retry-After` of a 429, in seconds. */
  retryAfterSeconds?: number
  /** How long a `delay` fault waits, in ms. */
  delayMs?: number
  /** Only paths starting with this get faults. */
  pathPrefix?: string
  /** Seed, for the same faults every run. */
  seed?: number
}

/** How the merchant's deliveries misbehave (`setWebhookChaos`). */
export interface ChaosOptions {
  /** Probability, 0 to 1, that a delivery is sent twice. */
  duplicateRate?: number
  /** Hold each delivery a random 0 to this many ms, so they arrive out of order. */
  reorderWindowMs?: number
  /** Hold every delivery this many ms more. */
  delayMs?: number
  /** Seed, for the same misbehaviour every run. */
  seed?: number
}

/** Options of `Simulator.start`. */
export interface SimulatorOptions extends SimulatorServerOptions {
  /** Share this running simulator (one more merchant there) instead of starting one. */
  server?: SimulatorServer
}

const FAULT_FIELDS: Record<keyof FaultOptions, string> = {
  rate: 'rate', kinds: 'kinds', next: 'next', retryAfterSeconds: 'retry_after_seconds', delayMs: 'delay_ms', pathPrefix: 'path_prefix', seed: 'seed',
}
const CHAOS_FIELDS: Record<keyof ChaosOptions, string> = {
  duplicateRate: 'duplicate_rate', reorderWindowMs: 'reorder_window_ms', delayMs: 'delay_ms', seed: 'seed',
}

function wire(what: string, given: object, fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(given)) {
    const field = fields[name]
    if (field === undefined) {
      throw new ValidationError({ kind: 'validation', field: name, message: `${what}: unknown option ${JSON.stringify(name)}; expected one of ${Object.keys(fields).join(', ')}` })
    }
    if (value !== undefined) out[field] = value
  }
  return out
}

/**
 * A merchant on a local `momentpay-sim`: its own key, webhook secret and receiver, and the
 * verbs a test needs. Merchants never see each other's objects, idempotency keys, faults,
 * clocks or webhook chaos.
 */
export class Simulator {
  /** The merchant's test key. */
  readonly apiKey: string
  /** Where the merchant's webhooks arrive, verified. */
  readonly webhooks: WebhookReceiver
  readonly #server: SimulatorServer
  readonly #ownsServer: boolean

  readonly #inboxId: string

  private constructor(server: SimulatorServer, ownsServer: boolean, apiKey: string, inbox: Inbox) {
    this.#server = server
    this.#ownsServer = ownsServer
    this.apiKey = apiKey
    // The inbox answers only its merchant's key.
    this.webhooks = new WebhookReceiver({ call: (m, p, b, k) => server.call(m, p, b, k ?? apiKey) }, inbox)
    this.#inboxId = inbox.id
  }

  /** Starts a simulator (or joins `options.server`) with a fresh merchant. */
  static async start(options: SimulatorOptions = {}): Promise<Simulator> {
    const server = options.server ?? (await SimulatorServer.start(options))
    const apiKey = `sk_test_${randomUUID().replaceAll('-', '')}`
    try {
      const inbox = (await server.call('POST', '/_sim/inboxes', {}, apiKey)) as Inbox
      return new Simulator(server, options.server === undefined, apiKey, inbox)
    } catch (error) {
      if (options.server === undefined) await server.stop()
      throw error
    }
  }

  /** The simulator's URL: the client's `baseUrl`. */
  get baseUrl(): string {
    return this.#server.baseUrl
  }

  /** The secret the merchant's webhooks are signed with. */
  get webhookSecret(): string {
    return this.webhooks.secret
  }

  #call(method: string, path: string, body?: unknown): Promise<unknown> {
    return this.#server.call(method, path, body, this.apiKey)
  }

  /** A client for the merchant (other options as `new Moment` takes them). */
  client(options: Omit<ClientOptions, 'apiKey' | 'baseUrl'> = {}): Moment {
    return new Moment({ ...options, apiKey: this.apiKey, baseUrl: this.baseUrl })
  }

  /**
   * The customer pays the session at checkout with `card` (4242424242424242 pays,
   * 4000000000000002 is declined); resolves with the session as the merchant then reads it.
   */
  async pay(sessionOrId: string | { id: string }, card = '4242424242424242'): Promise<PaymentSession> {
    const id = typeof sessionOrId === 'string' ? sessionOrId : (sessionOrId as { id?: unknown } | null)?.id
    if (typeof id !== 'string' || id === '') {
      throw new ValidationError({ kind: 'validation', field: 'sessionOrId', message: `sessionOrId: expected a payment session or its id, got ${JSON.stringify(sessionOrId)}` })
    }
    if (typeof card !== 'string') {
      throw new ValidationError({ kind: 'validation', field: 'card', message: `card: expected a card number as a string, got ${typeof card}` })
    }
    await this.#call('POST', `/_sim/payment_sessions/${encodeURIComponent(id)}/complete`, { card_number: card })
    return this.client().paymentSessions.retrieve(id)
  }

  /**
   * Moves the merchant's clock forward (other merchants' stay) and runs what became due:
   * subscription renewals, session and authorisation expiry, webhook retries.
   */
  async advanceClock(by: Duration): Promise<Clock> {
    const units = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 } as const
    let seconds = 0
    for (const [name, value] of Object.entries(by ?? {})) {
      const unit = units[name as keyof typeof units]
      if (unit === undefined) {
        throw new ValidationError({ kind: 'validation', field: name, message: `advanceClock: unknown unit ${JSON.stringify(name)}; expected seconds, minutes, hours or days` })
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new ValidationError({ kind: 'validation', field: name, message: `${name}: expected a number from 0 (the clock only moves forward), got ${String(value)}` })
      }
      seconds += value * unit
    }
    return (await this.#call('POST', '/_sim/clock/advance', { seconds })) as Clock
  }

  /** Moves the merchant's clock to the next thing scheduled for it and runs it (`what` is null when nothing is). */
  async advanceToNextEvent(): Promise<Clock> {
    return (await this.#call('POST', '/_sim/clock/next', {})) as Clock
  }

  /** Faults for the merchant's API calls from now on. */
  async injectFaults(faults: FaultOptions): Promise<void> {
    await this.#call('POST', '/_sim/faults', wire('injectFaults', faults, FAULT_FIELDS))
  }

  /** No more faults for the merchant. */
  async clearFaults(): Promise<void> {
    await this.#call('DELETE', '/_sim/faults')
  }

  /** How the merchant's webhook deliveries misbehave from now on. */
  async setWebhookChaos(chaos: ChaosOptions): Promise<void> {
    await this.#call('POST', '/_sim/webhooks/chaos', wire('setWebhookChaos', chaos, CHAOS_FIELDS))
  }

  /** Deliveries behave again. */
  async clearWebhookChaos(): Promise<void> {
    await this.#call('DELETE', '/_sim/webhooks/chaos')
  }

  /** Makes the simulator emit `eventType` for the merchant, creating the objects that make Moment emit it. */
  async trigger(eventType: EventType): Promise<Triggered> {
    return (await this.#call('POST', '/_sim/trigger', { event: eventType })) as Triggered
  }

  /** Delivers an event again (same `webhook-id`). */
  async resend(eventId: string): Promise<void> {
    await this.#call('POST', `/_sim/events/${encodeURIComponent(eventId)}/resend`, {})
  }

  /**
   * Delivers the merchant's webhooks to `url` as well, signed with `webhookSecret`: your own
   * handler under test (an Express or Fastify route, say) receives them as it would from
   * Moment. `webhooks` keeps receiving them too. Resolves to the endpoint's ID for
   * `stopForwardingWebhooks`; `reset()` and `stop()` end every forward.
   */
  async forwardWebhooksTo(url: string): Promise<string> {
    const endpoint = (await this.#call('POST', '/_sim/webhook_endpoints', { url, secret: this.webhookSecret })) as { id: string }
    return endpoint.id
  }

  /** Ends a `forwardWebhooksTo` (a delivery still retrying to it ends `failed`). */
  async stopForwardingWebhooks(endpointId: string): Promise<void> {
    await this.#call('DELETE', `/_sim/webhook_endpoints/${encodeURIComponent(endpointId)}`, undefined)
  }

  /** Forgets the merchant's objects, events, faults, chaos and clock; the receiver stays, emptied. */
  async reset(): Promise<void> {
    await this.#call('POST', '/_sim/reset', {})
    this.webhooks.clear()
  }

  /** Forgets the merchant, and stops the simulator when it started one. */
  async stop(): Promise<void> {
    if (this.#ownsServer) {
      await this.#server.stop()
    } else {
      await this.#call('POST', '/_sim/reset', {})
      // The inbox goes too: a run of thousands of tests keeps none of them.
      await this.#call('DELETE', `/_sim/inboxes/${encodeURIComponent(this.#inboxId)}`, undefined)
    }
  }
}
