/**
 * `WebhookReceiver`: the webhooks a test's merchant receives. The simulator delivers them
 * over HTTP to an inbox it hosts; this reads them back (a long poll) and verifies each with
 * `Webhook`, exactly as a handler would.
 */

import { ValidationError } from './errors'
import { EVENT_TYPES, type EventType, type MomentEvent } from './models'
import { Webhook } from './webhook'

/** The part of a running simulator the receiver needs. */
export interface ControlApi {
  call(method: string, path: string, body?: unknown, key?: string): Promise<unknown>
}

/** The inbox the simulator made for a merchant. */
export interface Inbox {
  id: string
  url: string
  secret: string
}

/** Options of `waitFor`. */
export interface WaitForOptions<T extends EventType = EventType> {
  /** Only the event about this object (the data's `id`). */
  objectId?: string
  /** How long to wait, in ms (default 10 000). */
  timeout?: number
  /** Only an event for which this is true. */
  where?: (event: EventNamed<T>) => boolean
}

/** The known event (one of `MomentEvent`'s members) whose `type` is `T`. */
export type EventNamed<T extends EventType> = MomentEvent extends infer E
  ? E extends { type: infer K }
    ? [K] extends [never]
      ? never
      : K extends T
        ? E
        : never
    : never
  : never

/** Thrown when no matching webhook arrived in time; the message lists what did. */
export class WebhookTimeoutError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookTimeoutError'
  }
}

interface Delivery {
  seq: number
  headers: Record<string, string>
  body: string
}

const KNOWN: ReadonlySet<string> = new Set(EVENT_TYPES)

/** Where one merchant's webhooks arrive; every delivery is verified before a test sees it. */
export class WebhookReceiver {
  /** The secret deliveries are signed with (the merchant's webhook secret). */
  readonly secret: string
  /** Where the simulator delivers them. */
  readonly url: string
  readonly #control: ControlApi
  readonly #inboxId: string
  readonly #webhook: Webhook
  #after = 0
  #events: { event: MomentEvent; objectId: string | null }[] = []

  constructor(control: ControlApi, inbox: Inbox) {
    this.#control = control
    this.#inboxId = inbox.id
    this.secret = inbox.secret
    this.url = inbox.url
    this.#webhook = new Webhook(inbox.secret)
  }

  async #read(waitMs: number): Promise<void> {
    const path = `/_sim/inboxes/${encodeURIComponent(this.#inboxId)}/deliveries?after=${this.#after}&wait_ms=${Math.max(0, Math.floor(waitMs))}`
    const { data } = (await this.#control.call('GET', path)) as { data: Delivery[] }
    for (const delivery of data) {
      if (delivery.seq <= this.#after) continue
      this.#after = delivery.seq
      const event = this.#webhook.verify(delivery.body, delivery.headers)
      const parsed = JSON.parse(delivery.body) as { data?: { id?: unknown } }
      const id = parsed.data?.id
      this.#events.push({ event, objectId: typeof id === 'string' ? id : null })
    }
  }

  #seen(): string {
    return this.#events.map(({ event }) => event.type).join(', ') || 'nothing'
  }

  /** Every verified event so far, in arrival order (a repeated delivery appears again). */
  async received(): Promise<MomentEvent[]> {
    await this.#read(0)
    return this.#events.map(({ event }) => event)
  }

  /**
   * The first event of `type` that arrived (about `objectId`, and passing `where`, when
   * given), waiting up to `timeout` ms. Earlier arrivals count too: pass the object's ID to
   * tell two events of one type apart. Narrow the result with `if (event.type === ...)`.
   */
  async waitFor<T extends EventType>(type: T, options: WaitForOptions<T> = {}): Promise<EventNamed<T>> {
    if (!KNOWN.has(type)) {
      throw new ValidationError({ kind: 'validation', field: 'type', message: `type: ${JSON.stringify(type)} is not a Moment event type; expected one of ${EVENT_TYPES.join(', ')}` })
    }
    const timeout = options.timeout ?? 10_000
    if (typeof timeout !== 'number' || !(timeout >= 0)) {
      throw new ValidationError({ kind: 'validation', field: 'timeout', message: `timeout: expected milliseconds (a number from 0), got ${String(timeout)}` })
    }
    const deadline = Date.now() + timeout
    for (;;) {
      for (const { event, objectId } of this.#events) {
        if (event.type !== type) continue
        if (options.objectId !== undefined && objectId !== options.objectId) continue
        if (options.where && !options.where(event as EventNamed<T>)) continue
        return event as EventNamed<T>
      }
      const left = deadline - Date.now()
      if (left <= 0) {
        const wanted = options.objectId === undefined ? type : `${type} for ${options.objectId}`
        throw new WebhookTimeoutError(`no ${wanted} webhook arrived within ${timeout} ms; received: ${this.#seen()}`)
      }
      await this.#read(Math.min(left, 25_000))
    }
  }

  /** Every verified event once at least `count` have arrived (repeats count). */
  async waitForCount(count: number, options: { timeout?: number } = {}): Promise<MomentEvent[]> {
    const timeout = options.timeout ?? 10_000
    const deadline = Date.now() + timeout
    while (this.#events.length < count) {
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new WebhookTimeoutError(`${this.#events.length} of ${count} webhooks arrived within ${timeout} ms: ${this.#seen()}`)
      }
      await this.#read(Math.min(left, 25_000))
    }
    return this.#events.map(({ event }) => event)
  }

  /** Forgets what was received (the simulator's reset empties the inbox too). */
  clear(): void {
    this.#events = []
  }
}
