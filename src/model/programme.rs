//! The programme: one notice's livelihood public-works plan, whole.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::pointer::{At, ROOT};
use crate::model::{
    AdminLevel, DocumentRef, Extra, Period, Phase, ProgrammeId, ReportingRequirement, ResponsibleUnit, Section,
    SectionId, Task, UnitId,
};

/// The version of the JSON format a document is written in.
///
/// Every programme document says which format it uses; the schema's `$id`
/// names the same version. Additions that old readers can ignore keep the
/// version; anything else raises it (see CHANGELOG.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum FormatVersion {
    /// Version 1, written `"1"`.
    #[default]
    V1,
}

impl FormatVersion {
    /// The version as written in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "1",
        }
    }
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "1" => Ok(Self::V1),
            other => Err(serde::de::Error::custom(format_args!(
                "format_version {other:?} is not one this version of minsheng reads (it reads \"1\")"
            ))),
        }
    }
}

impl schemars::JsonSchema for FormatVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FormatVersion".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "const": "1",
            "description": "The version of the minsheng programme format the document is written in.",
        })
    }
}

/// A six-digit administrative division code (行政区划代码, GB/T 2260): 630000
/// for 青海省, 532300 for 楚雄彝族自治州.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct DivisionCode(String);

impl DivisionCode {
    /// Checks and wraps a code.
    ///
    /// # Errors
    ///
    /// A message when `code` is not six ASCII digits.
    pub fn new(code: impl Into<String>) -> Result<Self, String> {
        let code = code.into();
        if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(code))
        } else {
            Err(format!("{code:?} is not a division code: GB/T 2260 codes are six digits such as \"630000\""))
        }
    }

    /// The code as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for DivisionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for DivisionCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DivisionCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{6}$",
            "description": "A six-digit GB/T 2260 administrative division code.",
        })
    }
}

/// The place a programme governs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// Its name (青海省, 海东市, 楚雄彝族自治州, 杜集区).
    pub name: String,
    /// Its level.
    pub level: AdminLevel,
    /// Its GB/T 2260 division code, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub division_code: Option<DivisionCode>,
    /// The jurisdiction it belongs to (淮北市 for 杜集区), when useful.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub within: Option<String>,
}

impl Jurisdiction {
    /// A jurisdiction with a name and level.
    pub fn new(name: impl Into<String>, level: AdminLevel) -> Self {
        Self { name: name.into(), level, division_code: None, within: None }
    }
}

/// A count the notice announces in its title or headings (33项民生工程;
/// 8项民生工程和10件惠民实事), to be checked against what it lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredCount {
    /// The words that declare it (33项民生工程).
    pub text: String,
    /// The number declared.
    #[serde(deserialize_with = "crate::json::integer::whole")]
    pub count: u32,
    /// The sections whose top-level tasks it counts; empty means every
    /// section. (Duji's 33 counts its new, adjusted and continued projects,
    /// not the exited ones.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionId>,
}

/// Text of the notice that is neither a task nor metadata, kept verbatim so
/// nothing the notice says is lost: the preamble, 总体思路, 相关要求 /
/// 工作要求 / 组织保障, closing lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    /// The heading the text stands under, as written (一、总体思路), if any.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub heading: Option<String>,
    /// The text, verbatim; paragraphs separated by a line break.
    pub text: String,
    /// Where it starts in the source text.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub source: Option<crate::model::SourceSpan>,
}

/// How a programme document came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// Encoded by a person from the notice.
    Hand,
    /// Imported from the notice's text by a program, possibly reviewed.
    Import,
    /// Generated (test data).
    Generated,
}

/// Where the programme's data comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The source text: a file name or URL.
    pub source: String,
    /// How the document was made.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub method: Option<Method>,
    /// When the source was retrieved.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::json::date::option")]
    #[schemars(with = "Option<crate::json::date::DateString>")]
    pub retrieved: Option<chrono::NaiveDate>,
    /// Anything a reader of the data should know about how it was made.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub notes: Option<String>,
}

/// A livelihood public-works programme (民生实事工程) as one notice sets it out.
///
/// ```
/// use minsheng::{AdminLevel, Jurisdiction, Programme, ResponsibleUnit, Section, Task, UnitKind};
/// let hrss = ResponsibleUnit::new("hrss".parse()?, "省人力资源社会保障厅", UnitKind::Department);
/// let p = Programme::new("qh-2021".parse()?, "关于2021年民生实事工程任务分工的通知", 2021, Jurisdiction::new("青海省", AdminLevel::Province))
///     .with_unit(hrss)
///     .with_section(
///         Section::new("s1".parse()?, "就业促进工程")
///             .with_task(Task::new("t2".parse()?, "全省城镇新增就业6万人。").led_by("hrss".parse()?)),
///     );
/// assert_eq!(p.task_count(), 1);
/// assert!(minsheng::validate(&p).errors().next().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// The format version; `"1"`.
    pub format_version: FormatVersion,
    /// The programme's id.
    pub id: ProgrammeId,
    /// The notice's title, verbatim.
    pub title: String,
    /// The notice itself: number, issuers, dates.
    #[serde(default)]
    pub document: DocumentRef,
    /// The place it governs.
    pub jurisdiction: Jurisdiction,
    /// The year it plans.
    #[serde(deserialize_with = "crate::json::integer::whole")]
    pub year: i32,
    /// The span it covers, when not simply its year.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub period: Option<Period>,
    /// The document it implements (Haidong's implements 青办字〔2024〕35号).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub parent: Option<DocumentRef>,
    /// To whom the notice is addressed (主送), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub addressees: Option<String>,
    /// To whom it is copied (抄送), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub copied_to: Option<String>,
    /// Every body the programme names, once each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<ResponsibleUnit>,
    /// The group set up to lead the programme, when the notice sets one up.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub leading_group: Option<UnitId>,
    /// The sections and their tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// The stages of the work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// The duties to report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<ReportingRequirement>,
    /// Counts the notice announces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declared_counts: Vec<DeclaredCount>,
    /// The notice's other text (preamble, 总体思路, 相关要求…), verbatim, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    /// Where the data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub provenance: Option<Provenance>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Programme {
    /// An empty programme.
    pub fn new(id: ProgrammeId, title: impl Into<String>, year: i32, jurisdiction: Jurisdiction) -> Self {
        Self {
            format_version: FormatVersion::V1,
            id,
            title: title.into(),
            document: DocumentRef::default(),
            jurisdiction,
            year,
            period: None,
            parent: None,
            addressees: None,
            copied_to: None,
            units: Vec::new(),
            leading_group: None,
            sections: Vec::new(),
            phases: Vec::new(),
            reporting: Vec::new(),
            declared_counts: Vec::new(),
            passages: Vec::new(),
            provenance: None,
            extra: Extra::new(),
        }
    }

    /// Adds a unit to the registry.
    #[must_use]
    pub fn with_unit(mut self, unit: ResponsibleUnit) -> Self {
        self.units.push(unit);
        self
    }

    /// Adds a section.
    #[must_use]
    pub fn with_section(mut self, section: Section) -> Self {
        self.sections.push(section);
        self
    }

    /// Sets the document reference.
    #[must_use]
    pub fn with_document(mut self, document: DocumentRef) -> Self {
        self.document = document;
        self
    }

    /// The unit with this id.
    pub fn unit(&self, id: &UnitId) -> Option<&ResponsibleUnit> {
        self.units.iter().find(|u| &u.id == id)
    }

    /// The name of the unit with this id as the notice writes it, or the id
    /// itself when the registry lacks the unit (validation reports that).
    ///
    /// ```
    /// let p = minsheng::from_path("examples/data/qinghai-2021.json", minsheng::DEFAULT_MAX_BYTES)?;
    /// let first = &p.units[0];
    /// assert_eq!(p.unit_name(&first.id), first.name);
    /// let missing: minsheng::UnitId = "no-such-unit".parse()?;
    /// assert_eq!(p.unit_name(&missing), "no-such-unit");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit_name<'a>(&'a self, id: &'a UnitId) -> &'a str {
        self.unit(id).map_or(id.as_str(), |u| u.name.as_str())
    }

    /// Every task, sub-tasks included, in the notice's order.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        Tasks { sections: self.sections.iter(), stack: Vec::new() }
    }

    /// Calls `f` with every task, sub-tasks included, in the notice's order,
    /// and where it stands in the document; the pointer is written out only
    /// if `f` asks for it.
    pub(crate) fn each_task_at<'p>(&'p self, mut f: impl FnMut(&'p Task, &At<'_>)) {
        let sections = ROOT.key("sections");
        for (si, s) in self.sections.iter().enumerate() {
            s.each_task_at(&sections.index(si), &mut f);
        }
    }

    /// How many tasks there are, sub-tasks included.
    pub fn task_count(&self) -> usize {
        self.tasks().count()
    }

    /// The span the programme covers: its period, or else its year.
    pub fn effective_period(&self) -> Option<Period> {
        self.period.clone().or_else(|| Period::year(self.year))
    }
}

/// The tasks of a programme in the notice's order, each before its
/// sub-tasks; one stack for the whole walk rather than a list per task.
struct Tasks<'p> {
    sections: std::slice::Iter<'p, Section>,
    /// Tasks still to visit, the next on top.
    stack: Vec<&'p Task>,
}

impl<'p> Iterator for Tasks<'p> {
    type Item = &'p Task;

    fn next(&mut self) -> Option<&'p Task> {
        loop {
            if let Some(t) = self.stack.pop() {
                self.stack.extend(t.subtasks.iter().rev());
                return Some(t);
            }
            self.stack.extend(self.sections.next()?.tasks.iter().rev());
        }
    }
}
