//! The unit registry an import builds: every body once, its other spellings
//! merged as aliases (州卫健委 = 州卫生健康委; 市住建局 = 市住房城乡建设局;
//! 农业农村局 written without its level prefix after 市自然资源规划局), its
//! kind and level guessed from its name, collectives recognised
//! (各市州人民政府, 10县市人民政府, …各成员单位, 省级各有关部门).

use std::collections::HashMap;

use crate::model::{AdminLevel, Collective, Jurisdiction, ResponsibleUnit, Role, UnitId, UnitKind};

use super::text::fold_str;

/// Short and long forms of the same words in unit names, short first.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("卫健委", "卫生健康委"),
    ("住建局", "住房城乡建设局"),
    ("住建厅", "住房城乡建设厅"),
    ("发改委", "发展改革委"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源社会保障厅"),
    ("工信局", "工业和信息化局"),
    ("工信厅", "工业和信息化厅"),
    ("交通局", "交通运输局"),
    ("交通厅", "交通运输厅"),
    ("政府办督查室", "政府督查室"),
    ("人民政府办公室", "政府办公室"),
    ("人民政府办公厅", "政府办公厅"),
];

/// The key two spellings of one body share.
pub(crate) fn key(name: &str) -> String {
    let mut k = fold_str(name);
    for (short, long) in ABBREVIATIONS {
        if k.contains(short) {
            k = k.replace(short, long);
        }
    }
    k
}

/// Guesses a unit's kind from its name.
pub(crate) fn kind_of(name: &str) -> UnitKind {
    let n = fold_str(name);
    let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
    if n.ends_with("政府") || n.ends_with("政府办公室") || n.ends_with("政府办公厅") || n.ends_with("行委")
    {
        UnitKind::Government
    } else if has(&["公司", "集团"]) {
        UnitKind::Enterprise
    } else if has(&["法院", "检察院"]) {
        UnitKind::Judicial
    } else if has(&["成员单位", "领导小组", "联席会议", "委员会", "指挥部", "专项小组"]) {
        UnitKind::Group
    } else if has(&[
        "妇联",
        "总工会",
        "残联",
        "红十字会",
        "科协",
        "团省委",
        "团州委",
        "团市委",
        "团区委",
        "团县委",
        "工商联",
        "侨联",
        "文联",
    ]) {
        UnitKind::MassOrganisation
    } else if ["省委", "州委", "市委", "区委", "县委", "中共"].iter().any(|p| n.starts_with(p)) || n.contains("党校")
    {
        UnitKind::PartyOrgan
    } else if has(&[
        "银保监",
        "税务局",
        "邮政管理局",
        "烟草专卖局",
        "气象局",
        "海关",
        "人民银行",
        "统计局调查队",
        "调查队",
    ]) {
        UnitKind::CentralVertical
    } else if has(&["管委会", "中心", "管理处", "产业发展部"]) {
        UnitKind::Institution
    } else if ["厅", "局", "委", "办", "室", "社", "科", "部"].iter().any(|s| n.ends_with(s)) {
        UnitKind::Department
    } else {
        UnitKind::Other
    }
}

/// The collective a name stands for, if it stands for many bodies.
pub(crate) fn collective_of(name: &str) -> Option<Collective> {
    let n = fold_str(name);
    if let Some(i) = n.find("成员单位") {
        let group = n.get(..i).unwrap_or("").trim_end_matches('各');
        return Some(Collective::GroupMembers { group: group.to_owned() });
    }
    if n.contains("有关部门") {
        let level = if n.starts_with('省') {
            Some(AdminLevel::Province)
        } else if n.starts_with('州') || n.starts_with('市') {
            Some(AdminLevel::Prefecture)
        } else if n.starts_with('县') || n.starts_with('区') {
            Some(AdminLevel::County)
        } else {
            None
        };
        return Some(Collective::RelevantDepartments { level });
    }
    for (word, role) in [
        ("牵头单位", Role::Lead),
        ("牵头部门", Role::Lead),
        ("配合单位", Role::Cooperating),
        ("责任单位", Role::Cooperating),
    ] {
        if n == word || n == format!("各{word}") {
            return Some(Collective::RoleHolders { role });
        }
    }
    let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
    if (n.starts_with('各') || !digits.is_empty()) && n.ends_with("政府") {
        let head = n.get(digits.len()..).unwrap_or("");
        let level = if head.contains("市州") || head.contains("自治州") {
            AdminLevel::Prefecture
        } else if head.contains('县') || head.contains('区') || head.contains("市、县") {
            AdminLevel::County
        } else if head.contains('镇') || head.contains('乡') {
            AdminLevel::Township
        } else {
            AdminLevel::County
        };
        return Some(Collective::Governments { level, count: digits.parse().ok() });
    }
    if n.starts_with('各') && n.chars().count() > 2 {
        return Some(Collective::Other { description: name.to_owned() });
    }
    None
}

/// The registry under construction.
#[derive(Debug)]
pub(crate) struct Registry {
    units: Vec<ResponsibleUnit>,
    by_key: HashMap<String, usize>,
    /// The level prefix of the jurisdiction's own bodies (市 for 海东市).
    prefix: Option<char>,
    level: AdminLevel,
}

impl Registry {
    /// An empty registry for a notice of `jurisdiction`.
    pub(crate) fn new(jurisdiction: &Jurisdiction) -> Self {
        let prefix = jurisdiction.name.chars().next_back().map(|c| match c {
            '区' | '县' | '旗' => c,
            '州' | '盟' => '州',
            '市' => '市',
            _ => '省',
        });
        Self { units: Vec::new(), by_key: HashMap::new(), prefix, level: jurisdiction.level }
    }

    fn level_of(&self, name: &str) -> Option<AdminLevel> {
        let first = name.chars().next()?;
        if Some(first) == self.prefix {
            return Some(self.level);
        }
        match first {
            '省' => Some(AdminLevel::Province),
            '州' | '市' => Some(AdminLevel::Prefecture),
            '县' | '区' => Some(AdminLevel::County),
            _ if name.starts_with("团省委") => Some(AdminLevel::Province),
            _ => None,
        }
    }

    /// The id of the unit called `name`, adding it (or an alias) when new.
    pub(crate) fn intern(&mut self, name: &str) -> UnitId {
        let k = key(name);
        let found = self.by_key.get(&k).copied().or_else(|| {
            // 农业农村局 after 市自然资源规划局: the same body as 市农业农村局.
            let p = self.prefix?;
            let with = format!("{p}{k}");
            let without = k.strip_prefix(p).map(str::to_owned);
            self.by_key.get(&with).or_else(|| without.and_then(|w| self.by_key.get(&w))).copied()
        });
        let index = match found {
            Some(i) => {
                if let Some(u) = self.units.get_mut(i)
                    && !u.is_named(name)
                {
                    u.aliases.push(name.to_owned());
                }
                i
            }
            None => {
                let i = self.units.len();
                let id = UnitId::numbered("u", i + 1);
                let mut u = ResponsibleUnit::new(id, name, kind_of(name));
                u.level = self.level_of(name);
                u.collective = collective_of(name);
                if let Some(Collective::Governments { level, .. }) = &u.collective {
                    u.level = Some(*level);
                }
                self.units.push(u);
                i
            }
        };
        self.by_key.insert(k, index);
        UnitId::numbered("u", index + 1)
    }

    /// Sets the level of the unit `id` (the issuer's is the jurisdiction's).
    pub(crate) fn set_level(&mut self, id: &UnitId, level: AdminLevel) {
        if let Some(u) = self.units.iter_mut().find(|u| &u.id == id) {
            u.level = Some(level);
        }
    }

    /// Makes `id` a group with these members (repeats kept) and head.
    pub(crate) fn set_group(&mut self, id: &UnitId, members: Vec<UnitId>, head: &str) {
        if let Some(u) = self.units.iter_mut().find(|u| &u.id == id) {
            u.kind = UnitKind::Group;
            u.members = members;
            u.head = (!head.is_empty()).then(|| head.to_owned());
        }
    }

    /// The units, in the order first named.
    pub(crate) fn into_units(self) -> Vec<ResponsibleUnit> {
        self.units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn haidong() -> Registry {
        Registry::new(&Jurisdiction::new("海东市", AdminLevel::Prefecture))
    }

    #[test]
    fn aliases_merge() {
        let mut r = haidong();
        let a = r.intern("市住建局");
        assert_eq!(r.intern("市住房城乡建设局"), a);
        let b = r.intern("市卫健委");
        assert_eq!(r.intern("市卫生健康委"), b);
        let c = r.intern("市农业农村局");
        assert_eq!(r.intern("农业农村局"), c);
        let d = r.intern("自然资源规划局");
        assert_eq!(r.intern("市自然资源规划局"), d);
        let units = r.into_units();
        assert_eq!(units.len(), 4);
        assert_eq!(units[0].aliases, ["市住房城乡建设局"]);
        assert_eq!(units[2].level, Some(AdminLevel::Prefecture));
    }

    #[test]
    fn collectives_are_recognised() {
        assert_eq!(
            collective_of("各市州人民政府"),
            Some(Collective::Governments { level: AdminLevel::Prefecture, count: None })
        );
        assert_eq!(
            collective_of("10县市人民政府"),
            Some(Collective::Governments { level: AdminLevel::County, count: Some(10) })
        );
        assert_eq!(
            collective_of("各市、县人民政府"),
            Some(Collective::Governments { level: AdminLevel::County, count: None })
        );
        assert_eq!(
            collective_of("州就业工作领导小组各成员单位"),
            Some(Collective::GroupMembers { group: "州就业工作领导小组".into() })
        );
        assert_eq!(
            collective_of("省级各有关部门"),
            Some(Collective::RelevantDepartments { level: Some(AdminLevel::Province) })
        );
        assert_eq!(collective_of("省教育厅"), None);
    }

    #[test]
    fn kinds_from_names() {
        for (n, k) in [
            ("省教育厅", UnitKind::Department),
            ("省妇联", UnitKind::MassOrganisation),
            ("团省委", UnitKind::MassOrganisation),
            ("国网青海省电力公司", UnitKind::Enterprise),
            ("省委政法委", UnitKind::PartyOrgan),
            ("青海银保监局", UnitKind::CentralVertical),
            ("省法院", UnitKind::Judicial),
            ("各市州人民政府", UnitKind::Government),
            ("州就业工作领导小组各成员单位", UnitKind::Group),
            ("楚雄高新区管委会", UnitKind::Institution),
        ] {
            assert_eq!(kind_of(n), k, "{n}");
        }
    }
}
