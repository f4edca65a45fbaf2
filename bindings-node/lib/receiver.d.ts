/**
 * `WebhookReceiver`: the webhooks a test's merchant receives. The simulator delivers them
 * over HTTP to an inbox it hosts; this reads them back (a long poll) and verifies each with
 * `Webhook`, exactly as a handler would.
 */
import { type EventType, type MomentEvent } from './models';
/** The part of a running simulator the receiver needs. */
export interface ControlApi {
    call(method: string, path: string, body?: unknown, key?: string): Promise<unknown>;
}
/** The inbox the simulator made for a merchant. */
export interface Inbox {
    id: string;
    url: string;
    secret: string;
}
/** Options of `waitFor`. */
export interface WaitForOptions<T extends EventType = EventType> {
    /** Only the event about this object (the data's `id`). */
    objectId?: string;
    /** How long to wait, in ms (default 10 000). */
    timeout?: number;
    /** Only an event for which this is true. */
    where?: (event: EventNamed<T>) => boolean;
}
/** The known event (one of `MomentEvent`'s members) whose `type` is `T`. */
export type EventNamed<T extends EventType> = MomentEvent extends infer E ? E extends {
    type: infer K;
} ? [K] extends [never] ? never : K extends T ? E : never : never : never;
/** Thrown when no matching webhook arrived in time; the message lists what did. */
export declare class WebhookTimeoutError extends Error {
    constructor(message: string);
}
/** Where one merchant's webhooks arrive; every delivery is verified before a test sees it. */
export declare class WebhookReceiver {
    #private;
    /** The secret deliveries are signed with (the merchant's webhook secret). */
    readonly secret: string;
    /** Where the simulator delivers them. */
    readonly url: string;
    constructor(control: ControlApi, inbox: Inbox);
    /** Every verified event so far, in arrival order (a repeated delivery appears again). */
    received(): Promise<MomentEvent[]>;
    /**
     * The first event of `type` that arrived (about `objectId`, and passing `where`, when
     * given), waiting up to `timeout` ms. Earlier arrivals count too: pass the object's ID to
     * tell two events of one type apart. Narrow the result with `if (event.type === ...)`.
     */
    waitFor<T extends EventType>(type: T, options?: WaitForOptions<T>): Promise<EventNamed<T>>;
    /** Every verified event once at least `count` have arrived (repeats count). */
    waitForCount(count: number, options?: {
        timeout?: number;
    }): Promise<MomentEvent[]>;
    /** Forgets what was received (the simulator's reset empties the inbox too). */
    clear(): void;
}
