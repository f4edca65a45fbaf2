//! The UniFFI side of the models (feature `uniffi`): the derives live on the model types
//! themselves; this file declares how the two types UniFFI cannot express cross (string maps
//! as dictionaries, unmodelled JSON as text). The Swift surface (the client, its errors and
//! options, webhooks) is `bindings-swift/src`, a crate of its own on top of this one.

use crate::models::*;
use std::collections::HashMap;

// UniFFI has no BTreeMap or JSON value: string maps cross as dictionaries, unmodelled
// fields as JSON text.
uniffi::custom_type!(Metadata, HashMap<String, String>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

uniffi::custom_type!(ExtraFields, String, {
    remote,
    lower: |map| serde_json::to_string(&map).unwrap_or_default(),
    try_lift: |text| Ok(serde_json::from_str(&text)?),
});
