//! Billing customers, accounts and bills: balances, bills paid down, voids, and money
//! applied through `POST /_sim/billing/payments` with `obligation.amount_applied`.

use super::charges::Charge;
use crate::cards;
use crate::clock;
use crate::ids::new_id;
use crate::problem::{ApiError, ApiResult};
use crate::state::{Store, merge_metadata};
use momentpay::models::*;
use serde::Deserialize;

fn default_rules() -> PaymentRules {
    PaymentRules {
        min_amount: Some(100),
        max_amount: Some(99_999_999),
        underpayment_allowed: Some(true),
        overpayment_allowed: Some(false),
    }
}

/// Enforces the `payment_rules` every customer, account and bill shows (accounts/retrieve:
/// "if not specified, the entity cannot be paid against"): at least `min_amount`, at most
/// `max_amount`, and no more than `owed` unless overpayment is allowed (422 naming `amount`).
fn check_rules(amount: i64, rules: Option<&PaymentRules>, owed: i64) -> ApiResult<()> {
    let Some(rules) = rules else {
        return Err(ApiError::validation(
            422,
            "amount",
            "this entity has no payment_rules, so it cannot be paid against",
        ));
    };
    let refuse = |message: String| Err(ApiError::validation(422, "amount", message));
    if let Some(min) = rules.min_amount.filter(|min| amount < *min) {
        return refuse(format!("is below the payment rules' minimum of {min}"));
    }
    if let Some(max) = rules.max_amount.filter(|max| amount > *max) {
        return refuse(format!("is above the payment rules' maximum of {max}"));
    }
    if rules.overpayment_allowed != Some(true) && amount > owed {
        return refuse(format!(
            "overpayment is not allowed: {} is owed",
            owed.max(0)
        ));
    }
    if rules.underpayment_allowed == Some(false) && amount < owed {
        return refuse(format!("underpayment is not allowed: {owed} is owed"));
    }
    Ok(())
}

/// Body of `POST /_sim/billing/payments`: pay a customer's balance, an account's balance
/// or a bill (exactly one).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BillingPayment {
    /// A billing customer (ID or external reference).
    pub customer: Option<String>,
    /// A billing account (ID or external reference).
    pub account: Option<String>,
    /// A bill (ID or external reference).
    pub bill: Option<String>,
    /// Amount paid.
    pub amount: i64,
    /// Test card (default 4242…).
    pub card_number: Option<String>,
}

/// A new balance needs a currency, given now or already set (422 naming `currency`).
fn balance_needs_currency(
    balance: Option<i64>,
    new: &Option<String>,
    current: &Option<String>,
) -> ApiResult<()> {
    if balance.is_some() && new.is_none() && current.is_none() {
        return Err(ApiError::validation(
            422,
            "currency",
            "is required when balance is set",
        ));
    }
    Ok(())
}

impl Store {
    fn find_billing_customer(&mut self, key: &str, reference: &str) -> Option<String> {
        let merchant = self.merchant(key);
        merchant
            .billing_customers
            .values()
            .find(|c| c.id == reference || c.external_reference.as_deref() == Some(reference))
            .map(|c| c.id.clone())
    }

    fn find_billing_account(&mut self, key: &str, reference: &str) -> Option<String> {
        self.merchant(key)
            .billing_accounts
            .values()
            .find(|a| a.id == reference || a.external_reference.as_deref() == Some(reference))
            .map(|a| a.id.clone())
    }

    fn find_bill(&mut self, key: &str, reference: &str) -> Option<String> {
        self.merchant(key)
            .bills
            .values()
            .find(|b| b.id == reference || b.external_reference.as_deref() == Some(reference))
            .map(|b| b.id.clone())
    }

    /// A billing customer by ID or external reference.
    pub fn billing_customer(&mut self, key: &str, reference: &str) -> ApiResult<BillingCustomer> {
        let id = self
            .find_billing_customer(key, reference)
            .ok_or_else(|| ApiError::not_found("billing customer", reference))?;
        Ok(self.merchant(key).billing_customers[&id].clone())
    }

    /// A billing account by ID or external reference.
    pub fn billing_account(&mut self, key: &str, reference: &str) -> ApiResult<BillingAccount> {
        let id = self
            .find_billing_account(key, reference)
            .ok_or_else(|| ApiError::not_found("billing account", reference))?;
        Ok(self.merchant(key).billing_accounts[&id].clone())
    }

    /// A bill by ID or external reference.
    pub fn bill(&mut self, key: &str, reference: &str) -> ApiResult<Bill> {
        let id = self
            .find_bill(key, reference)
            .ok_or_else(|| ApiError::not_found("bill", reference))?;
        Ok(self.merchant(key).bills[&id].clone())
    }

    /// `POST /billing/customers` (validated). External references are unique per merchant.
    pub fn create_billing_customer(
        &mut self,
        key: &str,
        params: CreateBillingCustomer,
    ) -> ApiResult<BillingCustomer> {
        if self
            .find_billing_customer(key, &params.external_reference)
            .is_some()
        {
            return Err(ApiError::conflict(format!(
                "A billing customer with external_reference `{}` already exists.",
                params.external_reference
            )));
        }
        let now = self.now(key);
        let customer = BillingCustomer {
            id: new_id("bcus"),
            external_reference: Some(params.external_reference),
            name: params.name,
            email: params.email,
            phone: params.phone,
            currency: params.currency,
            balance: Some(params.balance.unwrap_or(0)),
            payment_rules: Some(default_rules()),
            metadata: params.metadata.unwrap_or_default(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.merchant(key)
            .billing_customers
            .insert(customer.id.clone(), customer.clone());
        Ok(customer)
    }

    /// `PATCH /billing/customers/{customer}`.
    pub fn update_billing_customer(
        &mut self,
        key: &str,
        reference: &str,
        params: &UpdateBillingCustomer,
    ) -> ApiResult<BillingCustomer> {
        let id = self
            .find_billing_customer(key, reference)
            .ok_or_else(|| ApiError::not_found("billing customer", reference))?;
        let now = self.now(key);
        let customer = self
            .merchant(key)
            .billing_customers
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found("billing customer", reference))?;
        balance_needs_currency(params.balance, &params.currency, &customer.currency)?;
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = &params.$field { customer.$field = Some(v.clone()); } )* };
        }
        set!(name, email, phone, currency, balance);
        merge_metadata(&mut customer.metadata, &params.metadata);
        customer.updated_at = Some(now);
        Ok(customer.clone())
    }

    fn resolve_customer(
        &mut self,
        key: &str,
        field: &str,
        reference: &BillingCustomerRef,
    ) -> ApiResult<String> {
        match reference {
            BillingCustomerRef::Id(id) => self.find_billing_customer(key, id).ok_or_else(|| {
                ApiError::validation(422, field, format!("no billing customer `{id}` exists"))
            }),
            BillingCustomerRef::New(new) => Ok(self.create_billing_customer(key, new.clone())?.id),
        }
    }

    /// `POST /billing/accounts` (validated); an inline customer is created first.
    pub fn create_billing_account(
        &mut self,
        key: &str,
        params: CreateBillingAccount,
    ) -> ApiResult<BillingAccount> {
        if self
            .find_billing_account(key, &params.external_reference)
            .is_some()
        {
            return Err(ApiError::conflict(format!(
                "A billing account with external_reference `{}` already exists.",
                params.external_reference
            )));
        }
        let customer_id = self.resolve_customer(key, "customer", &params.customer)?;
        let now = self.now(key);
        let account = BillingAccount {
            id: new_id("bacc"),
            external_reference: Some(params.external_reference),
            customer_id: Some(customer_id),
            name: params.name,
            currency: params.currency,
            balance: Some(params.balance.unwrap_or(0)),
            payment_rules: Some(default_rules()),
            metadata: params.metadata.unwrap_or_default(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.merchant(key)
            .billing_accounts
            .insert(account.id.clone(), account.clone());
        Ok(account)
    }

    /// `PATCH /billing/accounts/{account}`.
    pub fn update_billing_account(
        &mut self,
        key: &str,
        reference: &str,
        params: &UpdateBillingAccount,
    ) -> ApiResult<BillingAccount> {
        let id = self
            .find_billing_account(key, reference)
            .ok_or_else(|| ApiError::not_found("billing account", reference))?;
        let now = self.now(key);
        let account = self
            .merchant(key)
            .billing_accounts
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found("billing account", reference))?;
        balance_needs_currency(params.balance, &params.currency, &account.currency)?;
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = &params.$field { account.$field = Some(v.clone()); } )* };
        }
        set!(name, currency, balance);
        merge_metadata(&mut account.metadata, &params.metadata);
        account.updated_at = Some(now);
        Ok(account.clone())
    }

    /// `POST /billing/bills` (validated); inline accounts and customers are created first.
    pub fn create_bill(&mut self, key: &str, params: CreateBill) -> ApiResult<Bill> {
        if self.find_bill(key, &params.external_reference).is_some() {
            return Err(ApiError::conflict(format!(
                "A bill with external_reference `{}` already exists.",
                params.external_reference
            )));
        }
        let (customer_id, account_id) = match (&params.account, &params.customer) {
            (Some(BillingAccountRef::Id(id)), _) => {
                let account_id = self.find_billing_account(key, id).ok_or_else(|| {
                    ApiError::validation(
                        422,
                        "account",
                        format!("no billing account `{id}` exists"),
                    )
                })?;
                let customer_id = self.merchant(key).billing_accounts[&account_id]
                    .customer_id
                    .clone();
                (customer_id, Some(account_id))
            }
            (Some(BillingAccountRef::New(new)), _) => {
                let account = self.create_billing_account(key, new.clone())?;
                (account.customer_id, Some(account.id))
            }
            (None, Some(customer)) => (
                Some(self.resolve_customer(key, "customer", customer)?),
                None,
            ),
            (None, None) => {
                return Err(ApiError::validation(
                    422,
                    "customer",
                    "a bill needs a customer or an account",
                ));
            }
        };
        let now = self.now(key);
        let bill = Bill {
            id: new_id("bill"),
            external_reference: Some(params.external_reference),
            customer_id,
            account_id,
            status: BillStatus::Unpaid,
            currency: params.currency,
            amount_due: params.amount_due,
            amount_paid: 0,
            amount_remaining: params.amount_due,
            bill_date: Some(
                params
                    .bill_date
                    .unwrap_or_else(|| clock::date(self.now_ms(key))),
            ),
            due_date: params.due_date,
            payment_rules: Some(default_rules()),
            metadata: params.metadata.unwrap_or_default(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.merchant(key)
            .bills
            .insert(bill.id.clone(), bill.clone());
        Ok(bill)
    }

    /// `PATCH /billing/bills/{bill}`: recomputes `amount_remaining` and `status`.
    pub fn update_bill(
        &mut self,
        key: &str,
        reference: &str,
        params: &UpdateBill,
    ) -> ApiResult<Bill> {
        let id = self
            .find_bill(key, reference)
            .ok_or_else(|| ApiError::not_found("bill", reference))?;
        let now = self.now(key);
        let bill = self
            .merchant(key)
            .bills
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found("bill", reference))?;
        if bill.status == BillStatus::Voided {
            return Err(ApiError::conflict(
                "The bill is voided and cannot be updated.",
            ));
        }
        if let Some(paid) = params.amount_paid {
            bill.amount_paid = paid;
        }
        if let Some(currency) = &params.currency {
            bill.currency = Some(currency.clone());
        }
        bill.amount_remaining = (bill.amount_due - bill.amount_paid).max(0);
        bill.status = if bill.amount_remaining == 0 {
            BillStatus::Paid
        } else {
            BillStatus::Unpaid
        };
        merge_metadata(&mut bill.metadata, &params.metadata);
        bill.updated_at = Some(now);
        Ok(bill.clone())
    }

    /// `POST /billing/bills/{bill}/void`.
    pub fn void_bill(&mut self, key: &str, reference: &str, params: &VoidBill) -> ApiResult<Bill> {
        let id = self
            .find_bill(key, reference)
            .ok_or_else(|| ApiError::not_found("bill", reference))?;
        let now = self.now(key);
        let bill = self
            .merchant(key)
            .bills
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found("bill", reference))?;
        match bill.status {
            BillStatus::Voided => {
                return Err(ApiError::conflict("The bill has already been voided."));
            }
            BillStatus::Paid => {
                return Err(ApiError::conflict("The bill is paid and cannot be voided."));
            }
            _ => {}
        }
        bill.status = BillStatus::Voided;
        merge_metadata(&mut bill.metadata, &params.metadata);
        bill.updated_at = Some(now);
        Ok(bill.clone())
    }

    /// Applies a payment to a customer balance, account balance or bill, emitting
    /// `payment.succeeded` and `obligation.amount_applied`.
    pub fn apply_billing_payment(
        &mut self,
        key: &str,
        pay: BillingPayment,
    ) -> ApiResult<Obligation> {
        let targets = [
            pay.customer.is_some(),
            pay.account.is_some(),
            pay.bill.is_some(),
        ];
        if targets.iter().filter(|t| **t).count() != 1 {
            return Err(ApiError::validation(
                422,
                "customer",
                "name exactly one of customer, account or bill",
            ));
        }
        momentpay::validation::amount("amount", pay.amount, false).map_err(ApiError::from_core)?;
        let card = cards::normalize(pay.card_number.as_deref().unwrap_or(cards::DEFAULT_CARD))
            .map_err(|m| ApiError::validation(422, "card_number", m))?;
        let (customer_id, account_id, bill_id, currency) = if let Some(reference) = &pay.bill {
            let bill = self.bill(key, reference)?;
            if bill.status != BillStatus::Unpaid {
                return Err(ApiError::conflict(format!(
                    "The bill is {} and cannot be paid.",
                    bill.status
                )));
            }
            check_rules(
                pay.amount,
                bill.payment_rules.as_ref(),
                bill.amount_remaining,
            )?;
            (None, None, Some(bill.id), bill.currency)
        } else if let Some(reference) = &pay.account {
            let account = self.billing_account(key, reference)?;
            check_rules(
                pay.amount,
                account.payment_rules.as_ref(),
                account.balance.unwrap_or(0),
            )?;
            (None, Some(account.id), None, account.currency)
        } else {
            let reference = pay.customer.clone().unwrap_or_default();
            let customer = self.billing_customer(key, &reference)?;
            check_rules(
                pay.amount,
                customer.payment_rules.as_ref(),
                customer.balance.unwrap_or(0),
            )?;
            (Some(customer.id), None, None, customer.currency)
        };
        let currency = currency.unwrap_or_else(|| "ZAR".to_owned());
        let payment = self.charge_or_decline(
            key,
            Charge {
                amount: pay.amount,
                currency: &currency,
                card: &card,
                capture_method: CaptureMethod::Automatic,
                external_reference: None,
                metadata: Metadata::new(),
                saved: false,
            },
        )?;
        let now = self.now(key);
        let merchant = self.merchant(key);
        if let Some(id) = &bill_id
            && let Some(bill) = merchant.bills.get_mut(id)
        {
            bill.amount_paid += pay.amount;
            bill.amount_remaining = (bill.amount_due - bill.amount_paid).max(0);
            if bill.amount_remaining == 0 {
                bill.status = BillStatus::Paid;
            }
            bill.updated_at = Some(now.clone());
        }
        if let Some(account) = account_id
            .as_ref()
            .and_then(|id| merchant.billing_accounts.get_mut(id))
        {
            account.balance = Some(account.balance.unwrap_or(0).saturating_sub(pay.amount));
            account.updated_at = Some(now.clone());
        }
        if let Some(customer) = customer_id
            .as_ref()
            .and_then(|id| merchant.billing_customers.get_mut(id))
        {
            customer.balance = Some(customer.balance.unwrap_or(0).saturating_sub(pay.amount));
            customer.updated_at = Some(now.clone());
        }
        let obligation = Obligation {
            id: new_id("ob"),
            amount: pay.amount,
            currency,
            payment_id: Some(payment.id.clone()),
            customer_id,
            account_id,
            bill_id,
            metadata: Metadata::new(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.emit(
            key,
            EventType::PaymentSucceeded,
            EventData::Payment(Box::new(payment)),
        );
        self.emit(
            key,
            EventType::ObligationAmountApplied,
            EventData::Obligation(Box::new(obligation.clone())),
        );
        Ok(obligation)
    }
}
