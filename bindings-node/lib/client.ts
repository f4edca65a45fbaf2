/**
 * `Moment`: every endpoint as a Promise-returning method. Each method hands its parameters to
 * the Rust core (validation, idempotency key, retries, errors) and resolves with the model.
 */

import type { NativeClient, NativeTransactionPager } from '../native'
import { native } from './addon'
import { fromNative } from './errors'
import type * as M from './models'

async function call<T>(native: NativeClient, operation: string, id: string | null, params: unknown, options?: M.RequestOptions): Promise<T> {
  try {
    return (await native.invoke(operation, id, params ?? null, options ?? null)) as T
  } catch (error) {
    throw fromNative(error)
  }
}

/** `/collect/payment_sessions` */
export class PaymentSessions {
  constructor(private readonly native: NativeClient) {}
  /** Create a payment session (the one call a public `pk_…` key may make). */
  create(params: M.CreatePaymentSessionParams, options?: M.RequestOptions): Promise<M.PaymentSession> {
    return call(this.native, 'payment_sessions.create', null, params, options)
  }
  /** Retrieve a payment session. */
  retrieve(id: string, options?: M.RequestOptions): Promise<M.PaymentSession> {
    return call(this.native, 'payment_sessions.retrieve', id, null, options)
  }
}

/** `/collect/payments` */
export class Payments {
  constructor(private readonly native: NativeClient) {}
  /** Retrieve a payment. */
  retrieve(id: string, options?: M.RequestOptions): Promise<M.Payment> {
    return call(this.native, 'payments.retrieve', id, null, options)
  }
  /** Capture `amount` (default: everything still authorised) of a manual-capture payment. */
  capture(id: string, params?: M.CapturePaymentParams, options?: M.RequestOptions): Promise<M.Payment> {
    return call(this.native, 'payments.capture', id, params, options)
  }
  /** Release the whole remaining authorisation. */
  void(id: string, params?: M.VoidPaymentParams, options?: M.RequestOptions): Promise<M.Payment> {
    return call(this.native, 'payments.void', id, params, options)
  }
}

/** `/collect/payment_requests` */
export class PaymentRequests {
  constructor(private readonly native: NativeClient) {}
  /** Create a payment link (default) or a bank push request. */
  create(params: M.CreatePaymentRequestParams, options?: M.RequestOptions): Promise<M.PaymentRequest> {
    return call(this.native, 'payment_requests.create', null, params, options)
  }
  /** Retrieve a payment request. */
  retrieve(id: string, options?: M.RequestOptions): Promise<M.PaymentRequest> {
    return call(this.native, 'payment_requests.retrieve', id, null, options)
  }
  /** Update an unpaid payment request. */
  update(id: string, params: M.UpdatePaymentRequestParams, options?: M.RequestOptions): Promise<M.PaymentRequest> {
    return call(this.native, 'payment_requests.update', id, params, options)
  }
  /** Delete an unpaid payment request. */
  delete(id: string, options?: M.RequestOptions): Promise<M.DeletedPaymentRequest> {
    return call(this.native, 'payment_requests.delete', id, null, options)
  }
}

/** `/collect/payment_pages` */
export class PaymentPages {
  constructor(private readonly native: NativeClient) {}
  /** Retrieve a payment page. */
  retrieve(id: string, options?: M.RequestOptions): Promise<M.PaymentPage> {
    return call(this.native, 'payment_pages.retrieve', id, null, options)
  }
  /** Update a payment page. */
  update(id: string, params: M.UpdatePaymentPageParams, options?: M.RequestOptions): Promise<M.PaymentPage> {
    return call(this.native, 'payment_pages.update', id, params, options)
  }
  /** One page of the page's transactions (`data`, `has_more`, `next_cursor`). */
  listTransactions(id: string, params?: M.ListParams, options?: M.RequestOptions): Promise<M.TransactionList> {
    return call(this.native, 'payment_pages.list_transactions', id, params, options)
  }
  /** Every transaction of the page, fetching pages as the loop goes: `for await (const t of ...)`. */
  async *transactions(id: string, params?: M.ListParams): AsyncGenerator<M.PaymentPageTransaction, void, undefined> {
    let pager: NativeTransactionPager
    try {
      pager = this.native.transactions(id, params?.limit ?? null, params?.cursor ?? null)
    } catch (error) {
      throw fromNative(error)
    }
    for (;;) {
      let next: unknown
      try {
        next = await pager.next()
      } catch (error) {
        throw fromNative(error)
      }
      if (next === null || next === undefined) return
      yield next as M.PaymentPageTransaction
    }
  }
}

/** `/billing/customers` (paths take the ID or your external reference) */
export class BillingCustomers {
  constructor(private readonly native: NativeClient) {}
  /** Create a billing customer. */
  create(params: M.CreateBillingCustomerParams, options?: M.RequestOptions): Promise<M.BillingCustomer> {
    return call(this.native, 'billing.customers.create', null, params, options)
  }
  /** Retrieve a billing customer by ID or external reference. */
  retrieve(customer: string, options?: M.RequestOptions): Promise<M.BillingCustomer> {
    return call(this.native, 'billing.customers.retrieve', customer, null, options)
  }
  /** Update a billing customer (a balance replaces the current one). */
  update(customer: string, params: M.UpdateBillingCustomerParams, options?: M.RequestOptions): Promise<M.BillingCustomer> {
    return call(this.native, 'billing.customers.update', customer, params, options)
  }
}

/** `/billing/accounts` */
export class BillingAccounts {
  constructor(private readonly native: NativeClient) {}
  /** Create a billing account; a customer given as an object is created first. */
  create(params: M.CreateBillingAccountParams, options?: M.RequestOptions): Promise<M.BillingAccount> {
    return call(this.native, 'billing.accounts.create', null, params, options)
  }
  /** Retrieve a billing account by ID or external reference. */
  retrieve(account: string, options?: M.RequestOptions): Promise<M.BillingAccount> {
    return call(this.native, 'billing.accounts.retrieve', account, null, options)
  }
  /** Update a billing account. */
  update(account: string, params: M.UpdateBillingAccountParams, options?: M.RequestOptions): Promise<M.BillingAccount> {
    return call(this.native, 'billing.accounts.update', account, params, options)
  }
}

/** `/billing/bills` */
export class Bills {
  constructor(private readonly native: NativeClient) {}
  /** Bill a customer or an account (either may be created inline). */
  create(params: M.CreateBillParams, options?: M.RequestOptions): Promise<M.Bill> {
    return call(this.native, 'billing.bills.create', null, params, options)
  }
  /** Retrieve a bill by ID or external reference. */
  retrieve(bill: string, options?: M.RequestOptions): Promise<M.Bill> {
    return call(this.native, 'billing.bills.retrieve', bill, null, options)
  }
  /** Reconcile a bill manually (`amount_paid`). */
  update(bill: string, params: M.UpdateBillParams, options?: M.RequestOptions): Promise<M.Bill> {
    return call(this.native, 'billing.bills.update', bill, params, options)
  }
  /** Void a bill for good. */
  void(bill: string, params?: M.VoidBillParams, options?: M.RequestOptions): Promise<M.Bill> {
    return call(this.native, 'billing.bills.void', bill, params, options)
  }
}

/** `/billing`: customers, accounts and bills. */
export class Billing {
  readonly customers: BillingCustomers
  readonly accounts: BillingAccounts
  readonly bills: Bills
  constructor(native: NativeClient) {
    this.customers = new BillingCustomers(native)
    this.accounts = new BillingAccounts(native)
    this.bills = new Bills(native)
  }
}

/**
 * The Moment client. One instance serves a whole process: calls run concurrently on the
 * core's own runtime and never block the event loop.
 */
export class Moment {
  readonly paymentSessions: PaymentSessions
  readonly payments: Payments
  readonly paymentRequests: PaymentRequests
  readonly paymentPages: PaymentPages
  readonly billing: Billing
  readonly #native: NativeClient

  constructor(options: M.ClientOptions = {}) {
    try {
      this.#native = new native.NativeClient(options)
    } catch (error) {
      throw fromNative(error)
    }
    this.paymentSessions = new PaymentSessions(this.#native)
    this.payments = new Payments(this.#native)
    this.paymentRequests = new PaymentRequests(this.#native)
    this.paymentPages = new PaymentPages(this.#native)
    this.billing = new Billing(this.#native)
  }

  /** The API base URL in use. */
  get baseUrl(): string {
    return this.#native.baseUrl
  }

  /** Never shows the API key. */
  toJSON(): { baseUrl: string; apiKey: string } {
    return { baseUrl: this.#native.baseUrl, apiKey: this.#native.apiKeyHint }
  }

  /** What `util.inspect` (and `console.log`) shows: no secret. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Moment { baseUrl: '${this.#native.baseUrl}', apiKey: '${this.#native.apiKeyHint}' }`
  }
}
