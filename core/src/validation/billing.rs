//! `/billing`: customers, accounts and bills (each may create the one it belongs to inline).

use super::{
    MAX_AMOUNT, MAX_BILL_AMOUNT, MAX_NAME_LEN, Validate, currency, date, email, external_reference,
    field, metadata, opt, path_id, phone, text, upper,
};
use crate::error::{Error, Result};
use crate::models::*;

/// The ID prefixes Moment reserves: an external reference may not begin with its kind's.
const CUSTOMER_ID_PREFIX: &str = "bcus_";
const ACCOUNT_ID_PREFIX: &str = "bacc_";
const BILL_ID_PREFIX: &str = "bill_";

fn not_reserved(name: &str, reference: &str, prefix: &str) -> Result<()> {
    if reference.starts_with(prefix) {
        return Err(Error::validation(
            name,
            format!("must not begin with the reserved prefix {prefix}"),
        ));
    }
    Ok(())
}

fn balance_needs_currency(
    prefix: &str,
    balance: Option<i64>,
    currency_value: &Option<String>,
) -> Result<()> {
    if balance.is_some() && currency_value.is_none() {
        return Err(Error::validation(
            field(prefix, "currency"),
            "is required when balance is set",
        ));
    }
    opt(currency_value, |c| currency(&field(prefix, "currency"), c))?;
    if let Some(b) = balance
        && b.unsigned_abs() > MAX_AMOUNT as u64
    {
        return Err(Error::validation(
            field(prefix, "balance"),
            "is out of range",
        ));
    }
    Ok(())
}

fn create_customer(prefix: &str, c: &CreateBillingCustomer) -> Result<()> {
    external_reference(&field(prefix, "external_reference"), &c.external_reference)?;
    not_reserved(
        &field(prefix, "external_reference"),
        &c.external_reference,
        CUSTOMER_ID_PREFIX,
    )?;
    opt(&c.name, |v| text(&field(prefix, "name"), v, MAX_NAME_LEN))?;
    opt(&c.email, |v| email(&field(prefix, "email"), v))?;
    opt(&c.phone, |v| phone(&field(prefix, "phone"), v))?;
    balance_needs_currency(prefix, c.balance, &c.currency)?;
    opt(&c.metadata, |m| metadata(&field(prefix, "metadata"), m))
}

fn customer_ref(prefix: &str, c: &BillingCustomerRef) -> Result<()> {
    match c {
        BillingCustomerRef::Id(id) => path_id(prefix, id),
        BillingCustomerRef::New(new) => create_customer(prefix, new),
    }
}

fn create_account(prefix: &str, a: &CreateBillingAccount) -> Result<()> {
    customer_ref(&field(prefix, "customer"), &a.customer)?;
    external_reference(&field(prefix, "external_reference"), &a.external_reference)?;
    not_reserved(
        &field(prefix, "external_reference"),
        &a.external_reference,
        ACCOUNT_ID_PREFIX,
    )?;
    opt(&a.name, |v| text(&field(prefix, "name"), v, MAX_NAME_LEN))?;
    balance_needs_currency(prefix, a.balance, &a.currency)?;
    opt(&a.metadata, |m| metadata(&field(prefix, "metadata"), m))
}

fn upper_opt(c: &mut Option<String>) {
    if let Some(c) = c {
        upper(c);
    }
}

impl Validate for CreateBillingCustomer {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        create_customer("", self)
    }
}

impl Validate for UpdateBillingCustomer {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        opt(&self.name, |v| text("name", v, MAX_NAME_LEN))?;
        opt(&self.email, |v| email("email", v))?;
        opt(&self.phone, |v| phone("phone", v))?;
        opt(&self.currency, |c| currency("currency", c))?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for CreateBillingAccount {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
        if let BillingCustomerRef::New(c) = &mut self.customer {
            c.normalize();
        }
    }
    fn validate(&self) -> Result<()> {
        create_account("", self)
    }
}

impl Validate for UpdateBillingAccount {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        opt(&self.name, |v| text("name", v, MAX_NAME_LEN))?;
        opt(&self.currency, |c| currency("currency", c))?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for CreateBill {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
        if let Some(BillingCustomerRef::New(c)) = &mut self.customer {
            c.normalize();
        }
        if let Some(BillingAccountRef::New(a)) = &mut self.account {
            a.normalize();
        }
    }
    fn validate(&self) -> Result<()> {
        external_reference("external_reference", &self.external_reference)?;
        not_reserved(
            "external_reference",
            &self.external_reference,
            BILL_ID_PREFIX,
        )?;
        if !(1..=MAX_BILL_AMOUNT).contains(&self.amount_due) {
            return Err(Error::validation(
                "amount_due",
                format!("must be 1 to {MAX_BILL_AMOUNT} (got {})", self.amount_due),
            ));
        }
        opt(&self.currency, |c| currency("currency", c))?;
        match (&self.customer, &self.account) {
            (None, None) => {
                return Err(Error::validation(
                    "customer",
                    "a bill needs a customer or an account",
                ));
            }
            (_, Some(BillingAccountRef::Id(id))) => path_id("account", id)?,
            (_, Some(BillingAccountRef::New(a))) => create_account("account", a)?,
            _ => {}
        }
        opt(&self.customer, |c| customer_ref("customer", c))?;
        opt(&self.bill_date, |d| date("bill_date", d))?;
        opt(&self.due_date, |d| date("due_date", d))?;
        if let (Some(bill), Some(due)) = (&self.bill_date, &self.due_date)
            && due < bill
        {
            return Err(Error::validation("due_date", "is before bill_date"));
        }
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for UpdateBill {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        opt(&self.currency, |c| currency("currency", c))?;
        if let Some(paid) = self.amount_paid
            && !(0..=MAX_BILL_AMOUNT).contains(&paid)
        {
            return Err(Error::validation(
                "amount_paid",
                format!("must be 0 to {MAX_BILL_AMOUNT} (got {paid})"),
            ));
        }
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for VoidBill {
    fn validate(&self) -> Result<()> {
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}
