//! The reporting calendar: who reports what, to whom, when and how.

use serde::{Deserialize, Serialize};

use crate::model::{Deadline, Extra, Frequency, UnitId};

/// A person to contact about the programme, as the notice names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The unit the contact sits in.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub unit: Option<UnitId>,
    /// The person's name.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub name: Option<String>,
    /// A telephone number as written (0972—8610996).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub phone: Option<String>,
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub email: Option<String>,
}

/// A duty to report: progress by 3月25日、7月5日、10月5日、12月5日; monthly
/// analysis to the supervision office; a written report by 2020-12-21 through
/// the 710 system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportingRequirement {
    /// The sentence of the notice that sets the duty, verbatim.
    pub text: String,
    /// What is to be reported (工作进展情况、创新做法、取得的成效及存在的困难问题).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub content: Option<String>,
    /// Who reports, by unit id (often a collective: 各县区各部门, 各牵头部门).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporters: Vec<UnitId>,
    /// Who receives the report, by unit id (市政府督查室, 市财政局).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<UnitId>,
    /// The dates reports are due, in the notice's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub due: Vec<Deadline>,
    /// How often, for a recurring duty (每月).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub frequency: Option<Frequency>,
    /// How the report is sent (书面形式, "710"政务督办系统, an e-mail address).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub channel: Option<String>,
    /// The people to contact.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}
