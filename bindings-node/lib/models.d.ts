/**
 * Request and response shapes, with the API's own (snake_case) field names. Enum-like fields
 * list the values this version knows and accept any other string Moment may add.
 */
/** A string Moment may add later, without losing the known literals' completions. */
export type Open<T extends string> = T | (string & {});
export type Metadata = Record<string, string>;
export interface RequestOptions {
    /** Default: a fresh key per call, reused on every retry of it. */
    idempotencyKey?: string;
    /** Seconds per attempt. */
    timeout?: number;
    /** Retries after the first attempt. */
    maxRetries?: number;
    /** Another API key for this call. */
    apiKey?: string;
}
export interface ClientOptions {
    /** Default `MOMENT_API_KEY`. */
    apiKey?: string;
    /** Default `MOMENT_BASE_URL`, then `https://api.momentpay.net`. */
    baseUrl?: string;
    /** Seconds per attempt (default 60). */
    timeout?: number;
    /** Seconds to connect (default 5). */
    connectTimeout?: number;
    /** Retries after the first attempt (default 2). */
    maxRetries?: number;
    /** Appended to the User-Agent. */
    userAgent?: string;
    /** Allow plain http to a host that is not loopback (never needed in production). */
    allowInsecureHttp?: boolean;
}
export interface LastPaymentError {
    error_code: string | null;
    decline_code: string | null;
    message: string | null;
    timestamp: string | null;
}
export interface CustomerDetails {
    name?: string;
    email?: string;
    phone?: string;
}
export interface AmountRange {
    min?: number;
    max?: number;
}
export interface Recurrence {
    type: Open<'daily' | 'weekly' | 'monthly' | 'yearly'>;
    interval_count?: number;
    on?: {
        type?: string;
        days?: Array<number | string>;
        adjustment?: string;
    };
}
export interface DateRange {
    start_date?: string;
    end_date?: string;
}
export interface MandateOptions {
    type: Open<'scheduled' | 'on_demand' | 'installment'>;
    amount?: number | AmountRange;
    recurrence?: Recurrence;
    validity_period?: DateRange;
    max_occurrences?: number;
    controls?: {
        period_limits?: {
            period?: Open<'day' | 'week' | 'month' | 'year'>;
            max_count?: number;
            max_amount?: number;
            window?: {
                mode?: Open<'calendar' | 'cycle'>;
                anchor?: {
                    type?: string;
                    day?: number;
                };
            };
        };
    };
    total_amount?: number;
    terms?: {
        type?: Open<'periodic' | 'fixed'>;
        amount?: number;
        items?: Array<{
            amount: number;
        }>;
        recurrence?: Recurrence;
        max_occurrences?: number;
    };
}
export interface PaymentSessionOptions {
    customer?: string | CustomerDetails;
    payment_method?: string;
    checkout_options?: {
        return_url?: string;
        presentation_mode?: {
            mode?: Open<'redirect' | 'embedded_modal' | 'embedded_inline'>;
            display_pay_button?: boolean;
        };
        save_payment_method?: Open<'always' | 'never' | 'prompt'>;
        [option: string]: unknown;
    };
    payment_method_options?: {
        card?: {
            capture_method?: Open<'automatic' | 'manual'>;
            save_payment_method?: string;
        };
    };
    mandate_options?: MandateOptions;
    subscription_options?: {
        active_period?: DateRange;
        amount?: number;
        scheduled_time?: string;
    };
    [option: string]: unknown;
}
export interface CreatePaymentSessionParams {
    amount: number;
    currency: string;
    type?: Open<'one_time' | 'first_in_series' | 'next_in_series'>;
    options?: PaymentSessionOptions;
    metadata?: Metadata;
    external_reference?: string;
}
export interface PaymentSession {
    id: string;
    type: Open<'one_time' | 'first_in_series' | 'next_in_series'>;
    amount: number;
    currency: string;
    status: Open<'active' | 'completed' | 'expired' | 'cancelled'>;
    payment_outcome: Open<'not_started' | 'pending' | 'paid' | 'unpaid' | 'reserved' | 'payment_method_verified'> | null;
    /** @deprecated use payment_outcome */
    payment_status: Open<'paid' | 'unpaid' | 'pending'> | null;
    customer_id: string | null;
    payment_method_id: string | null;
    checkout_session_id: string | null;
    payment_id: string | null;
    session_url: string | null;
    return_url: string | null;
    last_payment_error: LastPaymentError | null;
    mode: Open<'live' | 'test'> | null;
    external_reference: string | null;
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
export interface CapturePaymentParams {
    /** Default: everything still authorised. */
    amount?: number;
    metadata?: Metadata;
}
export interface VoidPaymentParams {
    metadata?: Metadata;
}
export interface Payment {
    id: string;
    status: Open<'draft' | 'initiating' | 'pending_action' | 'processing' | 'succeeded' | 'failed' | 'cancelled' | 'expired'>;
    amount: number;
    currency: string;
    intent: Open<'payment' | 'payment_method_verification'> | null;
    country: string | null;
    capture_method: Open<'automatic' | 'manual'> | null;
    authorised_amount: number | null;
    paid_amount: number | null;
    voided_amount: number | null;
    authorization_expires_at: string | null;
    payment_method_details: {
        type: string;
        card: {
            type: string | null;
            scheme: string | null;
            bin: string | null;
            last4: string | null;
        } | null;
        [method: string]: unknown;
    } | null;
    reconciliation_reference: string | null;
    last_payment_error: LastPaymentError | null;
    external_reference: string | null;
    metadata: Metadata;
    mode: Open<'live' | 'test'> | null;
    created_at: string | null;
    updated_at: string | null;
}
export interface PaymentRequestPush {
    provider: Open<'capitec'>;
    capitec?: {
        phone_number: string;
    };
}
export interface CreatePaymentRequestParams {
    amount: number;
    currency: string;
    type?: Open<'link' | 'push'>;
    external_reference?: string;
    description?: string;
    expires_at?: string;
    push?: PaymentRequestPush;
    metadata?: Metadata;
}
export interface UpdatePaymentRequestParams {
    external_reference?: string;
    description?: string;
    expires_at?: string;
    metadata?: Metadata;
}
export interface PaymentRequest {
    id: string;
    type: Open<'link' | 'push'>;
    status: Open<'active' | 'paid' | 'expired' | 'failed'>;
    amount: number;
    currency: string;
    payment_id: string | null;
    external_reference: string | null;
    description: string | null;
    expires_at: string | null;
    link: {
        checkout_session_id: string | null;
        url: string | null;
    } | null;
    push: PaymentRequestPush | null;
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
export interface DeletedPaymentRequest {
    id: string;
    deleted: boolean;
}
export interface CustomField {
    key: string;
    label?: string;
    type?: Open<'text' | 'textarea' | 'dropdown'>;
    required?: boolean;
    options?: string[];
    default_value?: string;
}
export interface UpdatePaymentPageParams {
    status?: Open<'active' | 'inactive'>;
    amount?: number;
    currency?: string;
    title?: string;
    description?: string;
    return_url?: string;
    requires_customer_details?: boolean;
    requires_delivery_details?: boolean;
    custom_fields?: CustomField[];
    metadata?: Metadata;
}
export interface PaymentPage {
    id: string;
    status: Open<'active' | 'inactive' | 'expired'>;
    page_url: string | null;
    amount: number | null;
    currency: string | null;
    title: string | null;
    description: string | null;
    return_url: string | null;
    requires_customer_details: boolean | null;
    requires_delivery_details: boolean | null;
    products: string[];
    custom_fields: CustomField[];
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
export interface ListParams {
    cursor?: string;
    /** 1 to 100 (default 20). */
    limit?: number;
}
export interface PaymentPageTransaction {
    id: string;
    payment_page_id: string | null;
    status: string | null;
    amount: number;
    currency: string;
    customer: {
        name: string | null;
        email: string | null;
        phone: string | null;
    } | null;
    custom_fields: Record<string, string>;
    payment_id: string | null;
    products: Array<{
        product_id: string;
        product_name: string | null;
        qty: number | null;
        price: number | null;
        currency: string | null;
        description: string | null;
    }>;
    checkout_session_id: string | null;
    delivery_address: {
        line1: string | null;
        line2: string | null;
        city: string | null;
        state: string | null;
        country: string | null;
        pin: string | null;
    } | null;
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
export interface TransactionList {
    data: PaymentPageTransaction[];
    has_more: boolean;
    next_cursor: string | null;
}
export interface PaymentRules {
    min_amount: number | null;
    max_amount: number | null;
    underpayment_allowed: boolean | null;
    overpayment_allowed: boolean | null;
}
export interface CreateBillingCustomerParams {
    external_reference: string;
    name?: string;
    email?: string;
    phone?: string;
    currency?: string;
    balance?: number;
    metadata?: Metadata;
}
export interface UpdateBillingCustomerParams {
    name?: string;
    email?: string;
    phone?: string;
    currency?: string;
    balance?: number;
    metadata?: Metadata;
}
export interface BillingCustomer {
    id: string;
    external_reference: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
    currency: string | null;
    balance: number | null;
    payment_rules: PaymentRules | null;
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
export interface CreateBillingAccountParams {
    /** An ID or external reference, or a new customer created first. */
    customer: string | CreateBillingCustomerParams;
    external_reference: string;
    name?: string;
    currency?: string;
    balance?: number;
    metadata?: Metadata;
}
export interface UpdateBillingAccountParams {
    name?: string;
    currency?: string;
    balance?: number;
    metadata?: Metadata;
}
export interface BillingAccount {
    id: string;
    external_reference: string | null;
    customer_id: string | null;
    name: string | null;
    currency: string | null;
    balance: number | null;
    payment_rules: PaymentRules | null;
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
export interface CreateBillParams {
    external_reference: string;
    amount_due: number;
    currency?: string;
    customer?: string | CreateBillingCustomerParams;
    account?: string | CreateBillingAccountParams;
    bill_date?: string;
    due_date?: string;
    metadata?: Metadata;
}
export interface UpdateBillParams {
    currency?: string;
    amount_paid?: number;
    metadata?: Metadata;
}
export interface VoidBillParams {
    metadata?: Metadata;
}
export interface Bill {
    id: string;
    external_reference: string | null;
    customer_id: string | null;
    account_id: string | null;
    status: Open<'unpaid' | 'paid' | 'voided'>;
    currency: string | null;
    amount_due: number;
    amount_paid: number;
    amount_remaining: number;
    bill_date: string | null;
    due_date: string | null;
    payment_rules: PaymentRules | null;
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
export interface Obligation {
    id: string;
    amount: number;
    currency: string;
    payment_id: string | null;
    customer_id: string | null;
    account_id: string | null;
    bill_id: string | null;
    metadata: Metadata;
    created_at: string | null;
    updated_at: string | null;
}
interface EventOf<T extends string, D> {
    /** `evt_…`: deduplicate on it (or on the `webhook-id` header). */
    id: string;
    type: T;
    data: D;
}
/**
 * A verified webhook event: a union discriminated on `type`. An event type this version does
 * not know arrives with its `data` as sent (handle it in a `default` branch).
 */
export type MomentEvent = EventOf<'payment_session.created' | 'payment_session.updated' | 'payment_session.completed', PaymentSession> | EventOf<'payment.succeeded' | 'payment.captured' | 'payment.voided' | 'payment.attempt_failed' | 'payment.failed', Payment> | EventOf<'payment_request.created' | 'payment_request.updated' | 'payment_request.paid', PaymentRequest> | EventOf<'payment_page.payment_received', PaymentPageTransaction> | EventOf<'obligation.amount_applied', Obligation> | EventOf<'payment_link.created' | 'payment_link.updated', Record<string, unknown>>;
/** Every event type this version knows. */
export type MomentEventType = MomentEvent['type'];
export {};
