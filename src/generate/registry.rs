//! The registry a generated programme draws its units from: the
//! government and its offices, departments, other bodies, collectives and
//! the leading group.

use super::draw::{Gen, ident};
use super::tables::{City, DEPARTMENTS, OTHERS};
use crate::model::{AdminLevel, Collective, ResponsibleUnit, Role, UnitId, UnitKind};

/// The registry the generator draws on: unit ids and names by role.
#[derive(Debug, Default)]
pub(super) struct Registry {
    pub(super) units: Vec<ResponsibleUnit>,
    /// Indices of units that may lead a task.
    pub(super) leads: Vec<usize>,
    /// Indices of units that may cooperate on a task.
    pub(super) cooperating: Vec<usize>,
}

/// Which units a task draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pool {
    /// Units that may lead.
    Leads,
    /// Units that may cooperate.
    Cooperating,
}

/// A collective of the registry: its name, what it stands for, and whether
/// it cooperates on tasks.
struct CollectiveEntry {
    name: &'static str,
    collective: Collective,
    cooperates: bool,
}

impl Registry {
    /// Adds a prefecture-level unit; returns its index.
    fn add(&mut self, name: String, kind: UnitKind) -> Option<usize> {
        let id: UnitId = ident(&format!("u{}", self.units.len() + 1))?;
        self.units.push(ResponsibleUnit::new(id, name, kind).at(AdminLevel::Prefecture));
        Some(self.units.len() - 1)
    }

    fn pool(&self, pool: Pool) -> &[usize] {
        match pool {
            Pool::Leads => &self.leads,
            Pool::Cooperating => &self.cooperating,
        }
    }

    /// The departments and institutions, each with its short name as an alias.
    fn departments(&mut self) -> Option<()> {
        for d in DEPARTMENTS {
            let i = self.add(format!("市{}", d.name), d.kind)?;
            if !d.short.is_empty()
                && let Some(u) = self.units.get_mut(i)
            {
                u.aliases.push(format!("市{}", d.short));
            }
            if d.kind == UnitKind::Department {
                self.leads.push(i);
            }
            self.cooperating.push(i);
        }
        Some(())
    }

    /// Party organs, mass organisations, enterprises, central bodies and courts.
    fn other_bodies(&mut self, city: City) -> Option<()> {
        for b in OTHERS {
            let name = b.pattern.replace("{c}", city.short).replace("{C}", city.name);
            let i = self.add(name, b.kind)?;
            if matches!(b.kind, UnitKind::PartyOrgan | UnitKind::MassOrganisation) {
                self.leads.push(i);
            }
            self.cooperating.push(i);
        }
        Some(())
    }

    /// The collectives; `group` is the id the leading group will have.
    fn collectives(&mut self, group: &UnitId) -> Option<()> {
        let county = |count| Collective::Governments { level: AdminLevel::County, count };
        let entries = [
            CollectiveEntry { name: "各县区人民政府", collective: county(None), cooperates: true },
            CollectiveEntry { name: "10县市人民政府", collective: county(Some(10)), cooperates: true },
            CollectiveEntry {
                name: "各乡镇人民政府（街道办事处）",
                collective: Collective::Governments { level: AdminLevel::Township, count: None },
                cooperates: true,
            },
            CollectiveEntry {
                name: "市直有关部门",
                collective: Collective::RelevantDepartments { level: Some(AdminLevel::Prefecture) },
                cooperates: true,
            },
            CollectiveEntry {
                name: "各牵头单位",
                collective: Collective::RoleHolders { role: Role::Lead },
                cooperates: false,
            },
            CollectiveEntry {
                name: "市民生实事工作领导小组各成员单位",
                collective: Collective::GroupMembers { group: group.as_str().into() },
                cooperates: false,
            },
            CollectiveEntry {
                name: "各配合单位",
                collective: Collective::RoleHolders { role: Role::Cooperating },
                cooperates: false,
            },
        ];
        for e in entries {
            let (kind, level) = match &e.collective {
                Collective::Governments { level, .. } => (UnitKind::Government, *level),
                _ => (UnitKind::Other, AdminLevel::Prefecture),
            };
            let i = self.add(e.name.into(), kind)?;
            if let Some(u) = self.units.get_mut(i) {
                u.level = Some(level);
                u.collective = Some(e.collective);
            }
            if e.cooperates {
                self.cooperating.push(i);
            }
        }
        Some(())
    }
}

impl Gen {
    /// Fills the registry. Index 0 is the government, 1 its office (the
    /// issuer), 2 the supervision office; then departments, other bodies,
    /// collectives and the leading group, whose members are every single
    /// body that can lead or cooperate, so that every unit is referenced.
    pub(super) fn registry(&mut self, city: City) -> Option<()> {
        let mut reg = Registry { units: Vec::with_capacity(110), ..Registry::default() };
        reg.add(format!("{}人民政府", city.name), UnitKind::Government)?;
        let office = reg.add(format!("{}人民政府办公室", city.name), UnitKind::Government)?;
        if let Some(u) = reg.units.get_mut(office) {
            u.aliases.push("市政府办".into());
        }
        reg.add("市政府督查室".into(), UnitKind::Government)?;
        reg.departments()?;
        reg.other_bodies(city)?;
        let members: Vec<UnitId> =
            reg.cooperating.iter().filter_map(|&i| reg.units.get(i)).map(|u| u.id.clone()).collect();
        // The group comes after the seven collectives.
        let group_id: UnitId = ident(&format!("u{}", reg.units.len() + 8))?;
        reg.collectives(&group_id)?;
        let mut group =
            ResponsibleUnit::new(group_id, "市民生实事工作领导小组", UnitKind::Group).at(AdminLevel::Prefecture);
        group.members = members;
        group.head = Some("副市长".into());
        reg.units.push(group);
        self.reg = reg;
        Some(())
    }

    pub(super) fn unit_at(&self, i: usize) -> Option<&ResponsibleUnit> {
        self.reg.units.get(i)
    }

    /// Picks up to `n` distinct units from `pool` that are not in `taken`.
    pub(super) fn distinct(&mut self, pool: Pool, n: usize, taken: &mut Vec<usize>) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        let len = self.reg.pool(pool).len();
        let mut tries = 0;
        while out.len() < n && tries < 4 * n + 4 {
            tries += 1;
            let k = self.below(len);
            let Some(&i) = self.reg.pool(pool).get(k) else { break };
            if !taken.contains(&i) {
                taken.push(i);
                out.push(i);
            }
        }
        out
    }
}
