//! Responsibility clauses in every convention of the notices:
//!
//! - `(X牵头，Y配合)` and `(X、Y牵头，Z配合)` (Qinghai, Haidong);
//! - `(牵头部门:X;责任单位:Y)` (Chuxiong);
//! - `(牵头单位:X,责任单位:Y)` and `(责任单位:…)` alone (Haixi);
//! - `(X、Y根据职责分别负责)` (joint duty), also after a lead (`X牵头，Y根据职责分别负责`);
//! - `(牵头单位:X)` alone;
//! - `责任单位:A、B、C(列第一位者为牵头单位)`: the first listed leads.
//!
//! Everything works on folded text (see [`super::text`]), so `：` and `:`,
//! `，` and `,`, `（` and `(` are the same.

use std::ops::Range;

use crate::model::Role;

/// A part of a clause between , and ;: its range, the range of its names,
/// and its own role with whether a label (牵头单位:) gave it.
type Part = (Range<usize>, Range<usize>, Option<(Role, bool)>);

/// One unit named by a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Folded range of the name.
    pub span: Range<usize>,
    /// Its role.
    pub role: Role,
}

/// A clause read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clause {
    /// The units, in the clause's order.
    pub entries: Vec<Entry>,
    /// Parts not understood: folded range and why.
    pub problems: Vec<(Range<usize>, String)>,
}

const ROLE_WORDS: &[&str] = &["牵头", "配合", "责任单位", "负责", "协办"];
const FIRST_LEADS: &str = "(列第一位者为牵头单位)";

/// Labels that open a list (牵头部门:X).
const LABELS: &[(&str, Role)] = &[
    ("牵头部门", Role::Lead),
    ("牵头单位", Role::Lead),
    ("牵头", Role::Lead),
    ("责任单位", Role::Cooperating),
    ("责任部门", Role::Cooperating),
    ("配合单位", Role::Cooperating),
    ("配合部门", Role::Cooperating),
    ("协办单位", Role::Cooperating),
];

/// Words that close a list (X牵头, Y配合, Z根据职责分别负责).
const SUFFIXES: &[(&str, Role)] = &[
    ("根据职责分别负责", Role::Joint),
    ("按职责分别负责", Role::Joint),
    ("根据职责负责", Role::Joint),
    ("分别负责", Role::Joint),
    ("共同负责", Role::Joint),
    ("负责", Role::Joint),
    ("牵头", Role::Lead),
    ("配合", Role::Cooperating),
    ("协助", Role::Cooperating),
    ("参与", Role::Cooperating),
];

/// Where the responsibility clause of a task's folded text lies: the last
/// parenthesised group when it names roles, or a trailing
/// `责任单位:…(列第一位者为牵头单位)`. `None` when the text has none.
pub(crate) fn locate(folded: &str) -> Option<Range<usize>> {
    let t = folded.trim_end_matches(['。', '.', ';', ',']);
    if !t.ends_with(')') {
        return None;
    }
    let open = matching_open(t, t.len() - 1)?;
    let group = t.get(open..)?;
    if group == FIRST_LEADS {
        // 责任单位:A、B、C(列第一位者为牵头单位) written without outer parentheses.
        let label = t.get(..open)?.rfind("责任单位")?;
        return Some(label..t.len());
    }
    ROLE_WORDS.iter().any(|w| group.contains(w)).then_some(open..t.len())
}

/// The byte index of the `(` matching the `)` at `close`.
fn matching_open(t: &str, close: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in t.get(..=close)?.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits `range` of `t` at top-level occurrences of any of `seps`
/// (not inside (), 〔〕, “” or 《》).
fn split_top(t: &str, range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = range.start;
    let Some(s) = t.get(range.clone()) else { return out };
    for (b, c) in s.char_indices() {
        match c {
            '(' | '〔' | '“' | '《' | '[' | '【' => depth += 1,
            ')' | '〕' | '”' | '》' | ']' | '】' => depth -= 1,
            c if depth <= 0 && seps.contains(&c) => {
                out.push(start..range.start + b);
                start = range.start + b + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(start..range.end);
    out.into_iter().filter(|r| r.start < r.end).collect()
}

/// Reads the clause at `range` of the folded text `t`.
pub(crate) fn parse(t: &str, range: Range<usize>) -> Clause {
    let mut clause = Clause::default();
    let Some(text) = t.get(range.clone()) else { return clause };
    let mut inner = range.clone();
    if text.starts_with('(') && text.ends_with(')') {
        inner = range.start + 1..range.end - 1;
    }
    let mut first_leads = false;
    if t.get(inner.clone()).is_some_and(|s| s.ends_with(FIRST_LEADS)) {
        first_leads = true;
        inner.end -= FIRST_LEADS.len();
    } else if t.get(inner.clone()).is_some_and(|s| s.ends_with(&FIRST_LEADS[..FIRST_LEADS.len() - 1])) {
        // `(责任单位:A、B(列第一位者为牵头单位))`: the outer parenthesis was stripped with the inner one.
        first_leads = true;
        inner.end -= FIRST_LEADS.len() - 1;
    }
    // Each part's own role, and whether a label (牵头单位:) or a closing word (牵头) gave it.
    let parts: Vec<Part> = split_top(t, inner, &[',', ';'])
        .into_iter()
        .map(|part| {
            let s = t.get(part.clone()).unwrap_or("");
            let mut names = part.clone();
            for (label, r) in LABELS {
                if let Some(rest) = s.strip_prefix(label)
                    && let Some(rest2) = rest.strip_prefix(':')
                {
                    names.start = part.end - rest2.len();
                    return (part, names, Some((*r, true)));
                }
            }
            for (suffix, r) in SUFFIXES {
                if s.ends_with(suffix) && s.len() > suffix.len() {
                    names.end = part.end - suffix.len();
                    return (part, names, Some((*r, false)));
                }
            }
            (part, names, None)
        })
        .collect();
    let mut previous: Option<(Role, bool)> = None;
    for (k, (part, names, own)) in parts.iter().enumerate() {
        // A part without a role continues a labelled list (责任单位:A,B) but
        // belongs to the next closing word otherwise (X牵头,A,B配合).
        let next = || parts.iter().skip(k + 1).find_map(|p| p.2.filter(|(_, label)| !label));
        let role = match (own, previous) {
            (Some((r, _)), _) => Some(*r),
            (None, Some((r, true))) => Some(r),
            (None, _) => next().map(|(r, _)| r).or(previous.map(|(r, _)| r)),
        };
        if own.is_some() {
            previous = *own;
        }
        let Some(r) = role else {
            clause.problems.push((part.clone(), "names units without saying whether they lead or cooperate".into()));
            continue;
        };
        for name in names_in(t, names.clone()) {
            let r =
                if first_leads { if clause.entries.is_empty() { Role::Lead } else { Role::Cooperating } } else { r };
            clause.entries.push(Entry { span: name, role: r });
        }
    }
    clause
}

/// The unit names of a list `A、B、C等`, with 各市、县人民政府 kept whole.
fn names_in(t: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let items = split_top(t, range, &['、']);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    while let Some(item) = items.get(k) {
        let s = t.get(item.clone()).unwrap_or("");
        // 各市、县人民政府 and 各市、自治州人民政府 are one collective.
        let bare = s.starts_with('各') && s.chars().count() <= 3 && !s.ends_with("政府");
        if bare
            && let Some(next) = items.get(k + 1)
            && t.get(next.clone()).is_some_and(|n| n.ends_with("人民政府") || n.ends_with("政府"))
        {
            out.push(item.start..next.end);
            k += 2;
            continue;
        }
        let mut r = item.clone();
        if s.ends_with('等') && s.chars().count() > 2 {
            r.end -= '等'.len_utf8();
        }
        let s = t.get(r.clone()).unwrap_or("");
        let trimmed = s.trim_end_matches(['。', '.']);
        r.end -= s.len() - trimmed.len();
        if r.start < r.end {
            out.push(r);
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::fold_str;

    fn read(src: &str) -> (Vec<(String, Role)>, usize) {
        let t = fold_str(src);
        let r = locate(&t).unwrap_or_else(|| panic!("no clause in {src}"));
        let c = parse(&t, r);
        (c.entries.iter().map(|e| (t[e.span.clone()].to_owned(), e.role)).collect(), c.problems.len())
    }

    fn names(v: &[(String, Role)], role: Role) -> Vec<&str> {
        v.iter().filter(|e| e.1 == role).map(|e| e.0.as_str()).collect()
    }

    #[test]
    fn lead_and_cooperating_qinghai() {
        let (v, p) = read("开展培训10万人次。(省人力资源社会保障厅牵头，省妇联配合)");
        assert_eq!(p, 0);
        assert_eq!(names(&v, Role::Lead), ["省人力资源社会保障厅"]);
        assert_eq!(names(&v, Role::Cooperating), ["省妇联"]);
        let (v, _) = read("推进。(各市州人民政府、省自然资源厅牵头，省住房城乡建设厅配合)");
        assert_eq!(names(&v, Role::Lead), ["各市州人民政府", "省自然资源厅"]);
    }

    #[test]
    fn labels_chuxiong_and_haixi() {
        let (v, _) = read("……。(牵头部门:州人力资源和社会保障局;责任单位:州就业工作领导小组各成员单位,10县市人民政府)");
        assert_eq!(names(&v, Role::Lead), ["州人力资源和社会保障局"]);
        assert_eq!(names(&v, Role::Cooperating), ["州就业工作领导小组各成员单位", "10县市人民政府"]);
        let (v, _) = read("……。(牵头单位:州卫健委,责任单位:州教育局、州工信局,各市、县人民政府,大柴旦行委)");
        assert_eq!(names(&v, Role::Lead), ["州卫健委"]);
        assert_eq!(names(&v, Role::Cooperating), ["州教育局", "州工信局", "各市、县人民政府", "大柴旦行委"]);
        let (v, _) =
            read("……。(牵头部门:州财政局、州农业农村局;责任单位:州林草局、州烟草专卖局(公司),10县市人民政府)。");
        assert_eq!(names(&v, Role::Cooperating), ["州林草局", "州烟草专卖局(公司)", "10县市人民政府"]);
    }

    #[test]
    fn cooperating_alone() {
        let (v, p) = read("……。(责任单位:州发改委、州工信局,各市、县人民政府)");
        assert_eq!(p, 0);
        assert!(names(&v, Role::Lead).is_empty());
        assert_eq!(names(&v, Role::Cooperating).len(), 3);
    }

    #[test]
    fn joint_duty() {
        let (v, _) = read("……。(省文化和旅游厅、省广电局根据职责分别负责)");
        assert_eq!(names(&v, Role::Joint), ["省文化和旅游厅", "省广电局"]);
        let (v, _) =
            read("……。（市住建局牵头，市发展改革委、市工信信息化局，市供电公司、市消防救援支队，各县区人民政府配合）");
        assert_eq!(names(&v, Role::Lead), ["市住建局"]);
        assert_eq!(names(&v, Role::Cooperating).len(), 5);
        let (v, _) = read("……。(省发展改革委牵头，省级各有关部门根据职责分别负责)");
        assert_eq!(names(&v, Role::Lead), ["省发展改革委"]);
        assert_eq!(names(&v, Role::Joint), ["省级各有关部门"]);
    }

    #[test]
    fn lead_label_alone() {
        let (v, p) = read("建设健身步道。(牵头单位:市体育局)");
        assert_eq!(p, 0);
        assert_eq!(names(&v, Role::Lead), ["市体育局"]);
    }

    #[test]
    fn first_listed_leads() {
        let (v, _) = read("新建幼儿园5所。责任单位:市教育局、市财政局、各县区人民政府(列第一位者为牵头单位)");
        assert_eq!(names(&v, Role::Lead), ["市教育局"]);
        assert_eq!(names(&v, Role::Cooperating), ["市财政局", "各县区人民政府"]);
        let (v, _) = read("新建幼儿园5所。(责任单位:市教育局、市财政局(列第一位者为牵头单位))");
        assert_eq!(names(&v, Role::Lead), ["市教育局"]);
        assert_eq!(names(&v, Role::Cooperating), ["市财政局"]);
    }

    #[test]
    fn full_width_and_trailing_et_cetera() {
        let (v, _) = read("……。（牵头部门：州人社局；责任单位：州发展改革委、州税务局等，10县市人民政府）");
        assert_eq!(names(&v, Role::Cooperating), ["州发展改革委", "州税务局", "10县市人民政府"]);
    }

    proptest::proptest! {
        /// Names lie inside the clause, in order, without overlapping, and
        /// hold no separator; a clause never panics.
        #[test]
        fn names_are_ordered_pieces_of_the_clause(body in "[省州市教育厅局、,;:牵头配合责任单位部门根据职责分别负责各县人民政府()]{0,40}") {
            let t = format!("甲。({body})");
            if let Some(r) = locate(&t) {
                let c = parse(&t, r.clone());
                let mut last = r.start;
                for e in &c.entries {
                    proptest::prop_assert!(e.span.start >= last && e.span.end <= r.end && e.span.start < e.span.end);
                    proptest::prop_assert!(!t[e.span.clone()].contains([',', ';']));
                    last = e.span.end;
                }
                for (p, _) in &c.problems {
                    proptest::prop_assert!(p.start >= r.start && p.end <= r.end);
                }
            }
        }
    }

    #[test]
    fn no_clause_no_roles() {
        assert_eq!(locate(&fold_str("实施(开工)5.15万套改造项目。")), None);
        assert_eq!(locate(&fold_str("城乡居民增收工程")), None);
        let t = fold_str("(省教育厅)");
        let c = parse(&t, 0..t.len());
        assert_eq!(c.problems.len(), 1);
    }
}
