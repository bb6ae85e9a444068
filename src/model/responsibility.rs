//! Who does the work: the unit registry and each task's lead, cooperating and
//! jointly responsible units.
//!
//! Units are listed once in [`Programme::units`](crate::model::Programme::units) and
//! referred to by [`UnitId`] (the parties-by-reference pattern of OC4IDS), so
//! 州卫健委 and 州卫生健康委 are one body with an alias, not two.

use serde::{Deserialize, Serialize};

use crate::model::{Extra, UnitId};

/// A level of Chinese public administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdminLevel {
    /// The central government (国家, 中央).
    National,
    /// Province, autonomous region or municipality (省级): 青海省, 省妇联.
    Province,
    /// Prefecture-level city, autonomous prefecture or league (地级): 海东市, 楚雄州.
    Prefecture,
    /// County, county-level city or district (县级): 杜集区, 10县市.
    County,
    /// Township, town or sub-district (乡级): 各镇人民政府, 各街道办事处.
    Township,
    /// Village or community (村级).
    Village,
}

/// What sort of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitKind {
    /// A people's government or its general office (各市州人民政府, 海东市人民政府办公室).
    Government,
    /// A government department or office (省教育厅, 市住建局, 州扶贫办, 市政府办督查室).
    Department,
    /// A Party organ (省委农办, 省委政法委, 州委网信办, 州委党校).
    PartyOrgan,
    /// A mass or people's organisation (省妇联, 团省委, 省总工会, 省残联, 红十字会, 科协).
    MassOrganisation,
    /// An enterprise (国网青海省电力公司, 电信楚雄分公司).
    Enterprise,
    /// A body of a central ministry's vertical system (青海银保监局, 州税务局, 省邮政管理局).
    CentralVertical,
    /// A court or procuratorate (省法院, 省检察院).
    Judicial,
    /// A leading group, joint conference or committee (州就业工作领导小组).
    Group,
    /// A public institution, park or zone committee (楚雄高新区管委会, 州运政管理处).
    Institution,
    /// Anything else.
    Other,
}

/// The many bodies a collective name stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Collective {
    /// Every government at one level below the issuer: 各市州人民政府
    /// (level `prefecture`), 各县区人民政府, or a counted set such as
    /// 10县市人民政府 (`count` 10).
    Governments {
        /// The level of the governments meant.
        level: AdminLevel,
        /// How many, when the notice says.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
        count: Option<u32>,
    },
    /// Every member of a named group: 州就业工作领导小组各成员单位.
    GroupMembers {
        /// The group's name as written (州就业工作领导小组), or the id of
        /// the group in the registry when it is listed there.
        group: String,
    },
    /// Every relevant department at a level: 省级各有关部门, 州直有关部门.
    RelevantDepartments {
        /// The level meant, when the notice says.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
        level: Option<AdminLevel>,
    },
    /// Every unit holding a role in this programme: 各牵头单位, 各配合单位.
    RoleHolders {
        /// The role.
        role: Role,
    },
    /// Any other collective (各地区、各部门), described in words.
    Other {
        /// What the collective covers.
        description: String,
    },
}

/// A body that leads, cooperates on or issues something: one entry of the
/// programme's unit registry.
///
/// ```
/// use minsheng::{AdminLevel, ResponsibleUnit, UnitKind};
/// let u = ResponsibleUnit::new("hw".parse()?, "州卫生健康委", UnitKind::Department)
///     .at(AdminLevel::Prefecture)
///     .alias("州卫健委");
/// assert!(u.is_named("州卫健委"));
/// # Ok::<(), minsheng::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponsibleUnit {
    /// The unit's id, unique in the registry.
    pub id: UnitId,
    /// The name as the notice first writes it.
    pub name: String,
    /// Other names the notice uses for the same body (州卫健委 for 州卫生健康委;
    /// 农业农村局 written without its level prefix).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The administrative level the body belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub level: Option<AdminLevel>,
    /// What sort of body it is.
    pub kind: UnitKind,
    /// Set when the name stands for many bodies (各市州人民政府).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub collective: Option<Collective>,
    /// For a group whose members the notice lists (a leading group), its
    /// members in the notice's order, repeats included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<UnitId>,
    /// Who heads the body, as written (副州长杨虹), for groups the notice sets up.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub head: Option<String>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl ResponsibleUnit {
    /// A unit with a name and kind and nothing else.
    pub fn new(id: UnitId, name: impl Into<String>, kind: UnitKind) -> Self {
        Self {
            id,
            name: name.into(),
            aliases: Vec::new(),
            level: None,
            kind,
            collective: None,
            members: Vec::new(),
            head: None,
            extra: Extra::new(),
        }
    }

    /// Sets the administrative level.
    #[must_use]
    pub fn at(mut self, level: AdminLevel) -> Self {
        self.level = Some(level);
        self
    }

    /// Adds an alias.
    #[must_use]
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// Marks the unit as a collective.
    #[must_use]
    pub fn collective(mut self, collective: Collective) -> Self {
        self.collective = Some(collective);
        self
    }

    /// `true` when `name` is the unit's name or one of its aliases.
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.aliases.iter().any(|a| a == name)
    }

    /// `true` when the unit stands for many bodies.
    pub fn is_collective(&self) -> bool {
        self.collective.is_some()
    }
}

/// The part a unit plays in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Leads the task (牵头, 牵头部门, 牵头单位).
    Lead,
    /// Cooperates (配合) or is a responsible unit under a lead (责任单位).
    Cooperating,
    /// Shares the task, each within its own remit (根据职责分别负责).
    Joint,
    /// Answers for the task where the notice names no lead: a 责任单位
    /// (or a 责任单位 column) with no 牵头 beside it. Such units stand in
    /// for the lead in roll-ups per lead, and the task is not reported as
    /// lacking one. Added after the first release: documents without it
    /// load as before.
    Responsible,
}

impl Role {
    /// The role's name as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Cooperating => "cooperating",
            Role::Joint => "joint",
            Role::Responsible => "responsible",
        }
    }
}

/// A person named as answering for a task (责任领导 张三, 分管领导
/// 副县长 李四): a person or a post, never a unit of the registry.
///
/// ```
/// use minsheng::Person;
/// let p = Person::new("张三").labelled("责任领导");
/// assert_eq!((p.name.as_str(), p.label.as_deref()), ("张三", Some("责任领导")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person or post as written (张三, 副县长 李四, 分管副区长).
    pub name: String,
    /// The words that name their part, as written (责任领导, 牵头领导,
    /// 分管领导, 责任人), when the notice gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Person {
    /// A person by name, without a label.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), label: None }
    }

    /// Sets the label that names their part (责任领导).
    #[must_use]
    pub fn labelled(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// A unit's part in one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// The unit, by id in the programme's registry.
    pub unit: UnitId,
    /// Its role.
    pub role: Role,
}

impl Responsibility {
    /// `unit` leads.
    pub fn lead(unit: UnitId) -> Self {
        Self { unit, role: Role::Lead }
    }
    /// `unit` cooperates.
    pub fn cooperating(unit: UnitId) -> Self {
        Self { unit, role: Role::Cooperating }
    }
    /// `unit` shares the task within its remit.
    pub fn joint(unit: UnitId) -> Self {
        Self { unit, role: Role::Joint }
    }
}
