/**
 * `Moment`: every endpoint as a Promise-returning method. Each method hands its parameters to
 * the Rust core (validation, idempotency key, retries, errors) and resolves with the model.
 */
import type { NativeClient } from '../native';
import type * as M from './models';
/** `/collect/payment_sessions` */
export declare class PaymentSessions {
    private readonly native;
    constructor(native: NativeClient);
    /** Create a payment session (the one call a public `pk_…` key may make). */
    create(params: M.CreatePaymentSessionParams, options?: M.RequestOptions): Promise<M.PaymentSession>;
    /** Retrieve a payment session. */
    retrieve(id: string, options?: M.RequestOptions): Promise<M.PaymentSession>;
}
/** `/collect/payments` */
export declare class Payments {
    private readonly native;
    constructor(native: NativeClient);
    /** Retrieve a payment. */
    retrieve(id: string, options?: M.RequestOptions): Promise<M.Payment>;
    /** Capture `amount` (default: everything still authorised) of a manual-capture payment. */
    capture(id: string, params?: M.CapturePaymentParams, options?: M.RequestOptions): Promise<M.Payment>;
    /** Release the whole remaining authorisation. */
    void(id: string, params?: M.VoidPaymentParams, options?: M.RequestOptions): Promise<M.Payment>;
}
/** `/collect/payment_requests` */
export declare class PaymentRequests {
    private readonly native;
    constructor(native: NativeClient);
    /** Create a payment link (default) or a bank push request. */
    create(params: M.CreatePaymentRequestParams, options?: M.RequestOptions): Promise<M.PaymentRequest>;
    /** Retrieve a payment request. */
    retrieve(id: string, options?: M.RequestOptions): Promise<M.PaymentRequest>;
    /** Update an unpaid payment request. */
    update(id: string, params: M.UpdatePaymentRequestParams, options?: M.RequestOptions): Promise<M.PaymentRequest>;
    /** Delete an unpaid payment request. */
    delete(id: string, options?: M.RequestOptions): Promise<M.DeletedPaymentRequest>;
}
/** `/collect/payment_pages` */
export declare class PaymentPages {
    private readonly native;
    constructor(native: NativeClient);
    /** Retrieve a payment page. */
    retrieve(id: string, options?: M.RequestOptions): Promise<M.PaymentPage>;
    /** Update a payment page. */
    update(id: string, params: M.UpdatePaymentPageParams, options?: M.RequestOptions): Promise<M.PaymentPage>;
    /** One page of the page's transactions (`data`, `has_more`, `next_cursor`). */
    listTransactions(id: string, params?: M.ListParams, options?: M.RequestOptions): Promise<M.TransactionList>;
    /** Every transaction of the page, fetching pages as the loop goes: `for await (const t of ...)`. */
    transactions(id: string, params?: M.ListParams): AsyncGenerator<M.PaymentPageTransaction, void, undefined>;
}
/** `/billing/customers` (paths take the ID or your external reference) */
export declare class BillingCustomers {
    private readonly native;
    constructor(native: NativeClient);
    /** Create a billing customer. */
    create(params: M.CreateBillingCustomerParams, options?: M.RequestOptions): Promise<M.BillingCustomer>;
    /** Retrieve a billing customer by ID or external reference. */
    retrieve(customer: string, options?: M.RequestOptions): Promise<M.BillingCustomer>;
    /** Update a billing customer (a balance replaces the current one). */
    update(customer: string, params: M.UpdateBillingCustomerParams, options?: M.RequestOptions): Promise<M.BillingCustomer>;
}
/** `/billing/accounts` */
export declare class BillingAccounts {
    private readonly native;
    constructor(native: NativeClient);
    /** Create a billing account; a customer given as an object is created first. */
    create(params: M.CreateBillingAccountParams, options?: M.RequestOptions): Promise<M.BillingAccount>;
    /** Retrieve a billing account by ID or external reference. */
    retrieve(account: string, options?: M.RequestOptions): Promise<M.BillingAccount>;
    /** Update a billing account. */
    update(account: string, params: M.UpdateBillingAccountParams, options?: M.RequestOptions): Promise<M.BillingAccount>;
}
/** `/billing/bills` */
export declare class Bills {
    private readonly native;
    constructor(native: NativeClient);
    /** Bill a customer or an account (either may be created inline). */
    create(params: M.CreateBillParams, options?: M.RequestOptions): Promise<M.Bill>;
    /** Retrieve a bill by ID or external reference. */
    retrieve(bill: string, options?: M.RequestOptions): Promise<M.Bill>;
    /** Reconcile a bill manually (`amount_paid`). */
    update(bill: string, params: M.UpdateBillParams, options?: M.RequestOptions): Promise<M.Bill>;
    /** Void a bill for good. */
    void(bill: string, params?: M.VoidBillParams, options?: M.RequestOptions): Promise<M.Bill>;
}
/** `/billing`: customers, accounts and bills. */
export declare class Billing {
    readonly customers: BillingCustomers;
    readonly accounts: BillingAccounts;
    readonly bills: Bills;
    constructor(native: NativeClient);
}
/**
 * The Moment client. One instance serves a whole process: calls run concurrently on the
 * core's own runtime and never block the event loop.
 */
export declare class Moment {
    #private;
    readonly paymentSessions: PaymentSessions;
    readonly payments: Payments;
    readonly paymentRequests: PaymentRequests;
    readonly paymentPages: PaymentPages;
    readonly billing: Billing;
    constructor(options?: M.ClientOptions);
    /** The API base URL in use. */
    get baseUrl(): string;
    /** Never shows the API key. */
    toJSON(): {
        baseUrl: string;
        apiKey: string;
    };
}
