/**
 * `momentpay/testing`: a local Moment (the `momentpay-sim` binary from the `momentpay-sim`
 * npm package) with a merchant of your test's own, usable from node:test, Jest and Vitest.
 */
import { Moment } from './client';
import type { ClientOptions, EventType, PaymentSession } from './models';
import { WebhookReceiver } from './receiver';
/** The simulator refused a control call, or could not be started or reached. */
export declare class SimulatorError extends Error {
    /** The HTTP status, or null when nothing answered. */
    readonly status: number | null;
    /** The argument it refused, when it said. */
    readonly field: string | null;
    constructor(message: string, status?: number | null, field?: string | null);
}
/** The `momentpay-sim` binary is not installed where the fixtures look. */
export declare class SimulatorNotFoundError extends Error {
    constructor(message: string);
}
/**
 * The path of the `momentpay-sim` binary: `MOMENTPAY_SIM_BIN`, else the `momentpay-sim` npm
 * package (`npm install --save-dev momentpay-sim`). Throws SimulatorNotFoundError naming
 * where it looked.
 */
export declare function findSimulator(): string;
/** Options of `SimulatorServer.start`. */
export interface SimulatorServerOptions {
    /** The binary (default: `findSimulator()`). */
    binary?: string;
    /** Seeds fault injection and webhook chaos that have no seed of their own. */
    seed?: number;
}
/** One `momentpay-sim` process on a free loopback port; many merchants can share it. */
export declare class SimulatorServer {
    #private;
    /** The simulator's URL. */
    readonly baseUrl: string;
    private constructor();
    /** Starts the process and waits for its first line (`base_url=…`). */
    static start(options?: SimulatorServerOptions): Promise<SimulatorServer>;
    /** A control API call; resolves with its JSON (null for an empty body). */
    call(method: string, path: string, body?: unknown, key?: string): Promise<unknown>;
    /** Stops the process. */
    stop(): Promise<void>;
}
/** The merchant's clock after a move. */
export interface Clock {
    /** Its virtual time (RFC 3339). */
    now: string;
    /** How far it is ahead of real time, in seconds. */
    offset_seconds: number;
    /** Subscription charges the move made. */
    subscription_charges: number;
    /** `advanceToNextEvent`: what ran (`subscription charge`, `session expiry`, ...), or null. */
    what?: string | null;
    /** `advanceToNextEvent`: when it was due. */
    at?: string | null;
}
/** What `trigger` created. */
export interface Triggered {
    event: string;
    /** `[kind, id]` of each object, e.g. `['payment_session', 'ps_…']`. */
    objects: [string, string][];
}
/** `advanceClock`'s amount: the parts add up. */
export interface Duration {
    seconds?: number;
    minutes?: number;
    hours?: number;
    days?: number;
}
/** Faults for the merchant's API calls (`injectFaults`). */
export interface FaultOptions {
    /** Probability, 0 to 1, that a call gets a fault. */
    rate?: number;
    /** Kinds to choose from (default: all). */
    kinds?: ('500' | '503' | '429' | 'drop' | 'lost_response' | 'delay' | '502_after_commit')[];
    /** Faults for the next calls, in order, before `rate` applies. */
    next?: ('500' | '503' | '429' | 'drop' | 'lost_response' | 'delay' | '502_after_commit')[];
    /** `Retry-After` of a 429, in seconds. */
    retryAfterSeconds?: number;
    /** How long a `delay` fault waits, in ms. */
    delayMs?: number;
    /** Only paths starting with this get faults. */
    pathPrefix?: string;
    /** Seed, for the same faults every run. */
    seed?: number;
}
/** How the merchant's deliveries misbehave (`setWebhookChaos`). */
export interface ChaosOptions {
    /** Probability, 0 to 1, that a delivery is sent twice. */
    duplicateRate?: number;
    /** Hold each delivery a random 0 to this many ms, so they arrive out of order. */
    reorderWindowMs?: number;
    /** Hold every delivery this many ms more. */
    delayMs?: number;
    /** Seed, for the same misbehaviour every run. */
    seed?: number;
}
/** Options of `Simulator.start`. */
export interface SimulatorOptions extends SimulatorServerOptions {
    /** Share this running simulator (one more merchant there) instead of starting one. */
    server?: SimulatorServer;
}
/**
 * A merchant on a local `momentpay-sim`: its own key, webhook secret and receiver, and the
 * verbs a test needs. Merchants never see each other's objects, idempotency keys, faults,
 * clocks or webhook chaos.
 */
export declare class Simulator {
    #private;
    /** The merchant's test key. */
    readonly apiKey: string;
    /** Where the merchant's webhooks arrive, verified. */
    readonly webhooks: WebhookReceiver;
    private constructor();
    /** Starts a simulator (or joins `options.server`) with a fresh merchant. */
    static start(options?: SimulatorOptions): Promise<Simulator>;
    /** The simulator's URL: the client's `baseUrl`. */
    get baseUrl(): string;
    /** The secret the merchant's webhooks are signed with. */
    get webhookSecret(): string;
    /** A client for the merchant (other options as `new Moment` takes them). */
    client(options?: Omit<ClientOptions, 'apiKey' | 'baseUrl'>): Moment;
    /**
     * The customer pays the session at checkout with `card` (4242424242424242 pays,
     * 4000000000000002 is declined); resolves with the session as the merchant then reads it.
     */
    pay(sessionOrId: string | {
        id: string;
    }, card?: string): Promise<PaymentSession>;
    /**
     * Moves the merchant's clock forward (other merchants' stay) and runs what became due:
     * subscription renewals, session and authorisation expiry, webhook retries.
     */
    advanceClock(by: Duration): Promise<Clock>;
    /** Moves the merchant's clock to the next thing scheduled for it and runs it (`what` is null when nothing is). */
    advanceToNextEvent(): Promise<Clock>;
    /** Faults for the merchant's API calls from now on. */
    injectFaults(faults: FaultOptions): Promise<void>;
    /** No more faults for the merchant. */
    clearFaults(): Promise<void>;
    /** How the merchant's webhook deliveries misbehave from now on. */
    setWebhookChaos(chaos: ChaosOptions): Promise<void>;
    /** Deliveries behave again. */
    clearWebhookChaos(): Promise<void>;
    /** Makes the simulator emit `eventType` for the merchant, creating the objects that make Moment emit it. */
    trigger(eventType: EventType): Promise<Triggered>;
    /** Delivers an event again (same `webhook-id`). */
    resend(eventId: string): Promise<void>;
    /**
     * Delivers the merchant's webhooks to `url` as well, signed with `webhookSecret`: your own
     * handler under test (an Express or Fastify route, say) receives them as it would from
     * Moment. `webhooks` keeps receiving them too. Resolves to the endpoint's ID for
     * `stopForwardingWebhooks`; `reset()` and `stop()` end every forward.
     */
    forwardWebhooksTo(url: string): Promise<string>;
    /** Ends a `forwardWebhooksTo` (a delivery still retrying to it ends `failed`). */
    stopForwardingWebhooks(endpointId: string): Promise<void>;
    /** Forgets the merchant's objects, events, faults, chaos and clock; the receiver stays, emptied. */
    reset(): Promise<void>;
    /** Forgets the merchant, and stops the simulator when it started one. */
    stop(): Promise<void>;
}
