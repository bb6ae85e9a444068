//! Responsibility clauses, read with one table of labels and closing words
//! rather than the spellings of particular notices:
//!
//! - labels before a list, with `:` (or 为 / 有) after them: 牵头单位, 牵头部门,
//!   牵头责任单位, 主责单位, 责任主体, 主办单位 (lead); 配合单位, 协同配合责任单位,
//!   共同责任单位, 协办单位, 参与单位, 相关责任单位 (cooperating); 责任单位
//!   (cooperating beside a lead, responsible without one); 责任领导, 牵头领导,
//!   分管领导, 责任人 (people, never units) — with any separator between them
//!   or none (`牵头单位:住建局责任单位:各乡镇(街道)`);
//! - closing words after a list: `X牵头，Y配合`, `X、Y根据职责分别负责`;
//! - `责任单位:A、B、C(列第一位者为牵头单位)`: the first listed leads.
//!
//! The clause may close the text in brackets, close it without brackets
//! (`…5所。责任单位:市教育局`), or sit in a heading line whose body follows
//! (`一、减免保教费(责任单位:县教育局)`). Everything works on folded text
//! (see [`super::text`]), so `：` and `:`, `，` and `,`, `（` and `(`, 單 and
//! 单 are the same.

use std::ops::Range;

use crate::model::Role;

/// What the names after a label (or before a closing word) are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// Lead units.
    Lead,
    /// Cooperating units.
    Cooperating,
    /// 责任单位: cooperating when the clause names a lead, responsible otherwise.
    Responsible,
    /// Units sharing the task within their remits (根据职责分别负责).
    Joint,
    /// People or posts, not units (责任领导).
    People,
    /// A field of the task that names no one (进度安排, 完成时限, 项目内容,
    /// 资金筹措): its text holds the task's plan, content or money.
    Field,
}

/// Labels that open a list, matched longest first at each position.
const LABELS: &[(&str, Part)] = &[
    ("牵头单位及主要负责人", Part::Lead),
    ("责任主体与协同单位", Part::Cooperating),
    ("协同配合责任单位", Part::Cooperating),
    ("牵头责任单位", Part::Lead),
    ("牵头责任部门", Part::Lead),
    ("主要责任单位", Part::Lead),
    ("共同责任单位", Part::Cooperating),
    ("相关责任单位", Part::Cooperating),
    ("数据提供单位", Part::Cooperating),
    ("分管市领导", Part::People),
    ("分管县领导", Part::People),
    ("分管区领导", Part::People),
    ("主管市领导", Part::People),
    ("主要负责人", Part::People),
    ("主要责任人", Part::People),
    ("任务责任人", Part::People),
    ("牵头单位", Part::Lead),
    ("牵头部门", Part::Lead),
    ("主责单位", Part::Lead),
    ("主责部门", Part::Lead),
    ("责任主体", Part::Lead),
    ("主办单位", Part::Lead),
    ("主办部门", Part::Lead),
    ("承办单位", Part::Lead),
    ("配合单位", Part::Cooperating),
    ("配合部门", Part::Cooperating),
    ("协办单位", Part::Cooperating),
    ("协办部门", Part::Cooperating),
    ("参与单位", Part::Cooperating),
    ("参与部门", Part::Cooperating),
    ("协同单位", Part::Cooperating),
    ("协同部门", Part::Cooperating),
    ("责任单位", Part::Responsible),
    ("责任部门", Part::Responsible),
    ("责任领导", Part::People),
    ("牵头领导", Part::People),
    ("分管领导", Part::People),
    ("主管领导", Part::People),
    ("包抓领导", Part::People),
    ("联系领导", Part::People),
    ("责任人", Part::People),
    ("项目内容及任务分解", Part::Field),
    ("项目内容", Part::Field),
    ("任务分解", Part::Field),
    ("建设内容", Part::Field),
    ("资金筹措", Part::Field),
    ("进度安排", Part::Field),
    ("完成时限", Part::Field),
    ("完成时间", Part::Field),
    ("时间节点", Part::Field),
    ("时间要求", Part::Field),
    ("牵头", Part::Lead),
];

/// Words that close a list (X牵头, Y配合, Z根据职责分别负责), longest first.
const SUFFIXES: &[(&str, Part)] = &[
    ("根据职责分别负责", Part::Joint),
    ("按职责分别负责", Part::Joint),
    ("根据职责负责", Part::Joint),
    ("分别负责", Part::Joint),
    ("共同负责", Part::Joint),
    ("负责", Part::Joint),
    ("牵头", Part::Lead),
    ("配合", Part::Cooperating),
    ("协助", Part::Cooperating),
    ("参与", Part::Cooperating),
];

/// What may stand between a label and its list.
const LABEL_ENDS: &[char] = &[':', '为', '有', '是'];

const FIRST_LEADS: &str = "(列第一位者为牵头单位)";

/// Words that show a parenthesised group is a clause.
const ROLE_WORDS: &[&str] =
    &["牵头", "配合", "责任单位", "负责", "协办", "主办", "责任主体", "主责", "责任领导", "责任部门"];

/// One unit (or person) named by a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Folded range of the name.
    pub span: Range<usize>,
    /// Its role (for people: [`Role::Cooperating`], unused).
    pub role: Role,
}

/// A person named by a clause, with the label that named them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    /// Folded range of the name.
    pub span: Range<usize>,
    /// Folded range of the label (责任领导).
    pub label: Range<usize>,
}

/// A clause read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clause {
    /// The units, in the clause's order.
    pub entries: Vec<Entry>,
    /// The people, in the clause's order.
    pub people: Vec<Named>,
    /// The text of fields that name no one (进度安排:…), folded ranges.
    pub fields: Vec<Range<usize>>,
    /// Parts not understood: folded range and why.
    pub problems: Vec<(Range<usize>, String)>,
}

/// A label found in a text: where it starts, where its list starts, what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// Folded range of the label's words.
    pub words: Range<usize>,
    /// Where its list starts (after `:` or 为).
    pub list: usize,
    /// What the list is.
    pub part: Part,
}

/// The top-level labels of `t[range]` (outside brackets and quotes), each
/// followed by `:` (or 为 / 有 / 是) or, with `bare`, by anything.
pub(crate) fn labels(t: &str, range: Range<usize>, bare: bool) -> Vec<Label> {
    let mut out = Vec::new();
    let Some(s) = t.get(range.clone()) else { return out };
    let mut depth = 0i32;
    let mut skip_to = 0;
    for (b, c) in s.char_indices() {
        match c {
            '(' | '〔' | '“' | '《' | '[' | '【' | '<' | '〈' => depth += 1,
            ')' | '〕' | '”' | '》' | ']' | '】' | '>' | '〉' => depth -= 1,
            _ => {}
        }
        if b < skip_to || depth > 0 {
            continue;
        }
        let rest = s.get(b..).unwrap_or("");
        let found =
            LABELS.iter().filter(|(w, _)| rest.starts_with(w)).max_by_key(|(w, _)| w.len()).and_then(|(w, p)| {
                let after = rest.get(w.len()..).unwrap_or("");
                let sep = after.chars().next().filter(|c| LABEL_ENDS.contains(c));
                // 牵头 alone is a label only before `:` (牵头:X); X牵头 is a closing word.
                let ok = sep.is_some() || (bare && *w != "牵头");
                ok.then(|| (w.len(), sep.map_or(0, char::len_utf8), *p))
            });
        if let Some((len, sep, part)) = found {
            let at = range.start + b;
            out.push(Label { words: at..at + len, list: at + len + sep, part });
            skip_to = b + len + sep;
        }
    }
    out
}

/// Where the responsibility clause of a task's folded text lies, if it has
/// one: the last bracketed group when it names roles, a trailing
/// `责任单位:…(列第一位者为牵头单位)`, or a run of labelled lists closing
/// the text (`…5所。牵头单位:X;配合单位:Y`).
pub(crate) fn locate(folded: &str) -> Option<Range<usize>> {
    let t = folded.trim_end_matches(['。', '.', ';', ',']);
    if t.ends_with(')') {
        let open = matching_open(t, t.len() - 1)?;
        let group = t.get(open..)?;
        if group == FIRST_LEADS {
            // 责任单位:A、B、C(列第一位者为牵头单位) written without outer parentheses.
            let label = t.get(..open)?.rfind("责任单位")?;
            return Some(label..t.len());
        }
        if ROLE_WORDS.iter().any(|w| group.contains(w)) || !labels(t, open + 1..t.len() - 1, false).is_empty() {
            return Some(open..t.len());
        }
    }
    trailing_labels(t)
}

/// A run of labelled lists that closes `t` and opens a sentence or a part
/// of one: `…5所。责任单位:市教育局`, `…;牵头单位:X;配合单位:Y`.
fn trailing_labels(t: &str) -> Option<Range<usize>> {
    let found = labels(t, 0..t.len(), false);
    // Up to the first field (进度安排:…), the rest holds names only: no
    // sentence ends inside it; a field's text may hold sentences.
    let names_end = |from: usize| {
        found.iter().find(|l| l.words.start >= from && l.part == Part::Field).map_or(t.len(), |l| l.words.start)
    };
    let first = found.iter().find(|l| {
        let before = t.get(..l.words.start).and_then(|h| h.chars().next_back());
        // A label opens the clause after punctuation, or glued to the text
        // when it is a label of four characters or more with its colon (the
        // line break before a field line is not in the folded text).
        let strong = l.words.len() >= "责任单位".len() && t.get(l.words.end..l.list) == Some(":");
        let opens = matches!(before, None | Some('。' | ';' | ',' | ':' | ')' | '.')) || strong;
        let names = t.get(l.words.start..names_end(l.words.start)).unwrap_or("");
        let list = t.get(l.list..).unwrap_or("");
        opens && !names.contains('。') && !list.is_empty()
    })?;
    Some(first.words.start..t.len())
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
/// (not inside (), 〔〕, “”, 《》 or 〈〉).
fn split_top(t: &str, range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = range.start;
    let Some(s) = t.get(range.clone()) else { return out };
    for (b, c) in s.char_indices() {
        match c {
            '(' | '〔' | '“' | '《' | '[' | '【' | '〈' => depth += 1,
            ')' | '〕' | '”' | '》' | ']' | '】' | '〉' => depth -= 1,
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

/// One stretch of a clause: its names and what they are, and whether a
/// label (rather than a closing word) said so.
#[derive(Debug, Clone)]
struct Stretch {
    /// The whole stretch, for problems.
    whole: Range<usize>,
    /// Its names.
    names: Range<usize>,
    /// What they are, when the stretch says.
    part: Option<Part>,
    /// A label (牵头单位:) said it, so unlabelled stretches after it continue it.
    labelled: bool,
    /// The label's words, for people.
    label: Option<Range<usize>>,
}

/// Reads the clause at `range` of the folded text `t`.
pub(crate) fn parse(t: &str, range: Range<usize>) -> Clause {
    let mut clause = Clause::default();
    let Some(text) = t.get(range.clone()) else { return clause };
    let mut inner = range.clone();
    if text.starts_with('(') && text.ends_with(')') && inner.len() >= 2 {
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
    let stretches = stretches(t, inner);
    // The role of each stretch: its own; else a label's before it continues
    // (责任单位:A,B); else the next closing word's (X牵头,A,B配合).
    let mut next_closing: Vec<Option<Part>> = vec![None; stretches.len()];
    let mut upcoming = None;
    for (k, s) in stretches.iter().enumerate().rev() {
        next_closing[k] = upcoming;
        if s.part.is_some() && !s.labelled {
            upcoming = s.part;
        }
    }
    let mut previous: Option<(Part, bool, Option<Range<usize>>)> = None;
    let mut read: Vec<(Range<usize>, Part, Option<Range<usize>>)> = Vec::new();
    for (k, s) in stretches.iter().enumerate() {
        let part = match (s.part, &previous) {
            (Some(p), _) => Some((p, s.label.clone())),
            (None, Some((p, true, label))) => Some((*p, label.clone())),
            (None, previous) => next_closing[k].or(previous.as_ref().map(|p| p.0)).map(|p| (p, None)),
        };
        if s.part.is_some() {
            previous = s.part.map(|p| (p, s.labelled, s.label.clone()));
        }
        let Some((part, label)) = part else {
            clause.problems.push((s.whole.clone(), "names units without saying whether they lead or cooperate".into()));
            continue;
        };
        if part == Part::Field {
            // A field's text is no list of names; stretches after it that
            // carry no label are not its either.
            if s.part == Some(Part::Field) {
                clause.fields.push(s.names.clone());
            }
            continue;
        }
        for name in names_in(t, s.names.clone()) {
            read.push((name, part, label.clone()));
        }
    }
    let has_lead = first_leads || read.iter().any(|(_, p, _)| *p == Part::Lead);
    for (span, part, label) in read {
        let role = match part {
            Part::Field => continue,
            Part::People => {
                clause.people.push(Named { span, label: label.unwrap_or(0..0) });
                continue;
            }
            _ if first_leads => {
                if clause.entries.is_empty() {
                    Role::Lead
                } else {
                    Role::Cooperating
                }
            }
            Part::Lead => Role::Lead,
            Part::Cooperating => Role::Cooperating,
            Part::Joint => Role::Joint,
            Part::Responsible if has_lead => Role::Cooperating,
            Part::Responsible => Role::Responsible,
        };
        clause.entries.push(Entry { span, role });
    }
    clause
}

/// Cuts a clause's text into stretches: at labels (wherever they stand,
/// with or without a separator before them) and at top-level `,` and `;`.
fn stretches(t: &str, inner: Range<usize>) -> Vec<Stretch> {
    let found = labels(t, inner.clone(), true);
    let mut out = Vec::new();
    // Before the first label, and between labels: parts at , and ;.
    let mut bounds: Vec<(Range<usize>, Option<&Label>)> = Vec::new();
    let first = found.first().map_or(inner.end, |l| l.words.start);
    if inner.start < first {
        bounds.push((inner.start..first, None));
    }
    for (k, l) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(inner.end, |n| n.words.start);
        bounds.push((l.list..end.max(l.list), Some(l)));
    }
    for (stretch, label) in bounds {
        if let Some(l) = label
            && l.part == Part::Field
        {
            out.push(Stretch {
                whole: l.words.start..stretch.end,
                names: stretch,
                part: Some(Part::Field),
                labelled: true,
                label: Some(l.words.clone()),
            });
            continue;
        }
        for (j, part) in split_top(t, stretch.clone(), &[',', ';']).into_iter().enumerate() {
            let labelled = label.is_some() && j == 0;
            out.push(closing(t, part, if labelled { label } else { None }));
        }
        if let Some(l) = label
            && stretch.is_empty()
        {
            // A label with nothing after it (牵头单位: at the end) names nobody.
            out.push(Stretch {
                whole: l.words.clone(),
                names: l.list..l.list,
                part: Some(l.part),
                labelled: true,
                label: Some(l.words.clone()),
            });
        }
    }
    out
}

/// A part of a clause with its label, or with a closing word (X牵头) read off its end.
fn closing(t: &str, part: Range<usize>, label: Option<&Label>) -> Stretch {
    let s = t.get(part.clone()).unwrap_or("");
    let mut names = part.clone();
    if let Some(l) = label {
        // 责任单位:县住建局牵头: the closing word overrides the label.
        let mut own = l.part;
        if l.part != Part::People
            && let Some((w, p)) = SUFFIXES.iter().find(|(w, _)| s.ends_with(w) && s.len() > w.len())
        {
            names.end -= w.len();
            own = *p;
        }
        return Stretch {
            whole: l.words.start..part.end,
            names,
            part: Some(own),
            labelled: true,
            label: Some(l.words.clone()),
        };
    }
    for (suffix, p) in SUFFIXES {
        if s.ends_with(suffix) && s.len() > suffix.len() {
            names.end = part.end - suffix.len();
            return Stretch { whole: part.clone(), names, part: Some(*p), labelled: false, label: None };
        }
    }
    Stretch { whole: part.clone(), names, part: None, labelled: false, label: None }
}

/// The unit names of a list `A、B、C等`, with 各市、县人民政府 kept whole.
fn names_in(t: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let items = split_top(t, range, &['、', '/']);
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
        for tail in ["等单位", "等部门", "等"] {
            if t.get(r.clone()).is_some_and(|x| x.ends_with(tail) && x.chars().count() > tail.chars().count() + 1) {
                r.end -= tail.len();
                break;
            }
        }
        let s = t.get(r.clone()).unwrap_or("");
        let trimmed = s.trim_end_matches(['。', '.', ':']);
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
        let (v, _, p) = read_all(src);
        (v, p)
    }

    /// What a clause read: (unit, role) entries, (person, label) pairs, problems.
    type Read = (Vec<(String, Role)>, Vec<(String, String)>, usize);

    fn read_all(src: &str) -> Read {
        let t = fold_str(src);
        let r = locate(&t).unwrap_or_else(|| panic!("no clause in {src}"));
        let c = parse(&t, r);
        let people = c.people.iter().map(|p| (t[p.span.clone()].to_owned(), t[p.label.clone()].to_owned())).collect();
        (c.entries.iter().map(|e| (t[e.span.clone()].to_owned(), e.role)).collect(), people, c.problems.len())
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
    fn responsible_alone() {
        let (v, p) = read("……。(责任单位:州发改委、州工信局,各市、县人民政府)");
        assert_eq!(p, 0);
        assert!(names(&v, Role::Lead).is_empty());
        assert!(names(&v, Role::Cooperating).is_empty());
        assert_eq!(names(&v, Role::Responsible).len(), 3);
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

    /// Every label of the table, each mapped to its role; a label is never
    /// part of a name.
    #[test]
    fn the_label_table() {
        for (label, role) in [
            ("牵头单位", Role::Lead),
            ("牵头部门", Role::Lead),
            ("牵头责任单位", Role::Lead),
            ("主责单位", Role::Lead),
            ("责任主体", Role::Lead),
            ("主办单位", Role::Lead),
            ("主要责任单位", Role::Lead),
            ("配合单位", Role::Cooperating),
            ("协同配合责任单位", Role::Cooperating),
            ("共同责任单位", Role::Cooperating),
            ("协办单位", Role::Cooperating),
            ("参与单位", Role::Cooperating),
            ("相关责任单位", Role::Cooperating),
        ] {
            let (v, p) = read(&format!("新建幼儿园5所。({label}:市发改委、市财政局)"));
            assert_eq!(p, 0, "{label}");
            assert_eq!(names(&v, role), ["市发改委", "市财政局"], "{label}");
        }
    }

    #[test]
    fn labels_without_separators_and_without_brackets() {
        let (v, _) = read("改造农村公路20公里。牵头单位:住建局责任单位:各乡镇(街道)");
        assert_eq!(names(&v, Role::Lead), ["住建局"]);
        assert_eq!(names(&v, Role::Cooperating), ["各乡镇(街道)"]);
        let (v, _) = read("新建幼儿园5所;牵头单位:县教育局;配合单位:县财政局、县自然资源局");
        assert_eq!(names(&v, Role::Lead), ["县教育局"]);
        assert_eq!(names(&v, Role::Cooperating), ["县财政局", "县自然资源局"]);
        let (v, _) = read("完成。(牵頭單位:縣教育局,協辦單位:縣財政局)");
        // Names come back folded here; the importer cuts them from the source.
        assert_eq!((names(&v, Role::Lead), names(&v, Role::Cooperating)), (vec!["县教育局"], vec!["县财政局"]));
        let (v, _) = read("完成。相關責任單位有省財政廳、省扶貧辦");
        assert_eq!(names(&v, Role::Cooperating), ["省财政厅", "省扶贫办"]);
    }

    #[test]
    fn people_are_not_units() {
        let (v, people, _) = read_all("新建幼儿园5所。(责任领导:张三;牵头单位:县教育局;责任人:李四、王五)");
        assert_eq!(names(&v, Role::Lead), ["县教育局"]);
        assert_eq!(v.len(), 1);
        let people: Vec<(&str, &str)> = people.iter().map(|(n, l)| (n.as_str(), l.as_str())).collect();
        assert_eq!(people, [("张三", "责任领导"), ("李四", "责任人"), ("王五", "责任人")]);
    }

    proptest::proptest! {
        /// Names lie inside the clause, in order, without overlapping, and
        /// hold no separator; a clause never panics.
        #[test]
        fn names_are_ordered_pieces_of_the_clause(body in "[省州市教育厅局、,;:牵头配合责任单位部门根据职责分别负责各县人民政府领导()]{0,40}") {
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
        assert_eq!(locate(&fold_str("责任单位要加强领导。各地要落实。")), None);
        let t = fold_str("(省教育厅)");
        let c = parse(&t, 0..t.len());
        assert_eq!(c.problems.len(), 1);
    }
}
