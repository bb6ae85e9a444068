//! The supervision dashboard: server-rendered HTML pages in Chinese over the
//! same views as the JSON endpoints, so a page shows exactly what the API
//! gives the same token. Markup is written with maud, which escapes every
//! value it interpolates; the style sheet and the one small script (the date
//! picker submits itself) are embedded in the binary.
//!
//! Figures are printed from the crate's decimals as they are (no float
//! rounding); bar widths are the completion percentages clamped to 0–100.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use minsheng::evaluate::{Evaluation, Obligation, Status, StatusCounts, TargetEvaluation};
use minsheng::{Programme, Role as Duty, Task};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::api::{self, AsOf, View};
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use crate::extract::COOKIE;
use crate::state::AppState;

const STYLE: &str = include_str!("dashboard/style.css");
const SCRIPT: &str = include_str!("dashboard/dashboard.js");

/// A page or a refusal rendered as a page.
pub struct Page(Result<Markup, (StatusCode, String)>);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(m) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], m.into_string()).into_response(),
            Err((status, message)) => {
                let body = layout(
                    "无法显示",
                    None,
                    html! {
                        p.refusal { (message) }
                        @if status == StatusCode::UNAUTHORIZED { (login_form()) }
                        p { a href="/" { "返回项目列表" } }
                    },
                );
                (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body.into_string()).into_response()
            }
        }
    }
}

impl From<ApiError> for Page {
    fn from(e: ApiError) -> Self {
        let (status, message) = match e {
            ApiError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, format!("请先登录：{m}")),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, format!("无权查看：{m}")),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, format!("未找到：{m}")),
            ApiError::BadRequest { message, .. } => (StatusCode::BAD_REQUEST, format!("请求有误：{message}")),
            other => {
                let r = other.into_response();
                (r.status(), "服务暂时无法完成请求，详情见服务日志".into())
            }
        };
        Page(Err((status, message)))
    }
}

fn page(r: Result<Markup, ApiError>) -> Page {
    match r {
        Ok(m) => Page(Ok(m)),
        Err(e) => e.into(),
    }
}

fn layout(title: &str, nav: Option<(&str, &str, NaiveDate)>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // No icon to fetch: the page loads nothing but itself.
                link rel="icon" href="data:,";
                title { (title) " · 民生实事督查" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    a.home href="/" { "民生实事督查" }
                    @if let Some((id, short, on)) = nav {
                        nav {
                            a href={ "/p/" (id) "?as_of=" (on) } { (short) }
                            a href={ "/p/" (id) "/departments?as_of=" (on) } { "责任单位" }
                            a href={ "/p/" (id) "/calendar?as_of=" (on) } { "报送日历" }
                        }
                    }
                    a.logout href="/logout" { "退出" }
                }
                main { (body) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

fn login_form() -> Markup {
    html! {
        form.login method="get" action="/login" {
            label for="token" { "访问令牌" }
            input #token type="password" name="token" autocomplete="off" required;
            button type="submit" { "登录" }
        }
    }
}

/// `?token=`.
#[derive(Debug, Deserialize)]
pub struct Login {
    token: Option<String>,
}

/// `/login?token=…`: keeps the token in an HttpOnly cookie and goes to the list.
pub async fn login(State(state): State<AppState>, Query(q): Query<Login>) -> Response {
    let Some(token) = q.token.filter(|t| !t.is_empty()) else {
        return Page(Ok(layout("登录", None, html! { h1 { "登录" } (login_form()) }))).into_response();
    };
    match state.db().token(&crate::auth::hash(&token)).await {
        Ok(Some(_)) => {
            let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
            ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
        }
        Ok(None) => Page(Err((StatusCode::UNAUTHORIZED, "令牌无效：本服务不认识这个令牌".into()))).into_response(),
        Err(e) => Page::from(ApiError::from(e)).into_response(),
    }
}

/// `/logout`: forgets the cookie.
pub async fn logout() -> Response {
    let cookie = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/login")).into_response()
}

/// The caller, or a sign-in page.
pub struct MaybeCaller(Result<Caller, ApiError>);

impl axum::extract::FromRequestParts<AppState> for MaybeCaller {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeCaller(Caller::from_request_parts(parts, state).await))
    }
}

fn role_zh(caller: &Caller) -> String {
    match (caller.role, &caller.unit) {
        (Role::Supervisor, _) => "督查（全部任务）".into(),
        (Role::Reader, _) => "只读".into(),
        (Role::Department, Some(u)) => format!("责任单位 {u}（仅本单位任务）"),
        (Role::Department, None) => "责任单位".into(),
    }
}

/// `/`: the programmes the token reaches.
pub async fn programmes(State(state): State<AppState>, MaybeCaller(caller): MaybeCaller) -> Page {
    page(programmes_page(&state, caller).await)
}

async fn programmes_page(state: &AppState, caller: Result<Caller, ApiError>) -> Result<Markup, ApiError> {
    let caller = caller?;
    let rows = state.db().latest_programmes().await?;
    let today = api::today();
    Ok(layout(
        "项目列表",
        None,
        html! {
            h1 { "民生实事项目" }
            p.who { "当前身份：" (caller.label) " · " (role_zh(&caller)) }
            ul.programmes {
                @for r in rows.iter().filter(|r| caller.reaches(&r.programme_id)) {
                    li data-programme=(r.programme_id) {
                        a href={ "/p/" (r.programme_id) "?as_of=" (today) } { (r.title) }
                        span.meta { (r.year) "年 · 第" (r.version) "版" }
                    }
                }
            }
        },
    ))
}

/// `/p/{id}?as_of=`: the programme as of a date.
pub async fn programme(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Page {
    page(programme_page(&state, caller, &id, &q).await)
}

async fn load(
    state: &AppState,
    caller: Result<Caller, ApiError>,
    id: &str,
    q: &AsOf,
) -> Result<(Caller, View, NaiveDate), ApiError> {
    let caller = caller?;
    let on = api::as_of(q, api::today())?;
    let v = api::view(state, &caller, id).await?;
    Ok((caller, v, on))
}

fn short_title(p: &Programme) -> String {
    let mut s: String = p.title.chars().take(18).collect();
    if p.title.chars().count() > 18 {
        s.push('…');
    }
    s
}

/// The elapsed share of the programme's period at `on`, in percent (two places), with the period.
fn year_elapsed(p: &Programme, on: NaiveDate) -> Option<(Decimal, NaiveDate, NaiveDate)> {
    let period = p.effective_period()?;
    let total = (period.end - period.start).num_days() + 1;
    let done = ((on - period.start).num_days() + 1).clamp(0, total);
    let share = (Decimal::from(done) * Decimal::ONE_HUNDRED / Decimal::from(total)).round_dp(2);
    Some((share, period.start, period.end))
}

fn date_picker(action: &str, on: NaiveDate) -> Markup {
    html! {
        form.asof method="get" action=(action) {
            label for="as_of" { "截至日期" }
            input #as_of type="date" name="as_of" value=(on) data-autosubmit;
            button type="submit" { "查看" }
        }
    }
}

fn legend() -> Markup {
    html! {
        ul.legend {
            @for s in Status::ALL.iter().rev() {
                li { span class={ "dot " (s.as_str()) } {} (s.label_zh()) }
            }
        }
    }
}

/// A bar split by status counts.
fn stacked(counts: &StatusCounts) -> Markup {
    let total = counts.total();
    html! {
        div.stack role="img" aria-label=(counts.to_string()) {
            @for s in Status::ALL.iter().rev() {
                @let n = counts.get(*s);
                @if n > 0 && total > 0 {
                    span class={ "seg " (s.as_str()) } style={ "flex-grow:" (n) } title={ (s.label_zh()) " " (n) } {}
                }
            }
        }
        @if total == 0 { span.muted { "无量化指标" } }
    }
}

fn percent(d: Option<Decimal>) -> String {
    d.map(|d| format!("{}%", d.normalize())).unwrap_or_else(|| "—".into())
}

/// A bar whose fill is the completion, with a tick at the expected share.
fn bar(t: &TargetEvaluation) -> Markup {
    let fill = t.completion.map(|c| c.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED).normalize());
    let tick = t.expected.map(|e| e.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED).normalize());
    html! {
        div.bar {
            @if let Some(f) = fill { span class={ "fill " (t.status.as_str()) } style={ "width:" (f) "%" } {} }
            @if let Some(x) = tick { span.tick style={ "left:" (x) "%" } title={ "应完成 " (x) "%" } {} }
        }
    }
}

fn target_row(id: &str, on: NaiveDate, t: &TargetEvaluation) -> Markup {
    html! {
        li.target data-target=(t.target) data-status=(t.status.as_str()) {
            div.line {
                span class={ "badge " (t.status.as_str()) } { (t.status.label_zh()) }
                a.phrase href={ "/p/" (id) "/task/" (t.task) "?as_of=" (on) } { (t.phrase) }
            }
            (bar(t))
            div.figures {
                @if let Some(a) = t.actual { span.actual { "已完成 " (a.normalize()) } }
                @if let Some(true) = t.achieved { span.actual { "已实现" } }
                @if let Some(p) = &t.actual_phrase { span.reported { "“" (p) "”" } }
                span.pct { "完成 " (percent(t.completion)) " · 应完成 " (percent(t.expected)) }
                span.deadline { "期限 " (t.deadline_text.as_deref().unwrap_or("")) " " (t.deadline) }
            }
        }
    }
}

// One page in one template: header, picker, legend, sections with their tasks and targets.
async fn programme_page(
    state: &AppState,
    caller: Result<Caller, ApiError>,
    id: &str,
    q: &AsOf,
) -> Result<Markup, ApiError> {
    let (caller, v, on) = load(state, caller, id, q).await?;
    let e = api::evaluation(&v, on);
    let p = &v.programme;
    let elapsed = year_elapsed(p, on);
    let by_task = group_targets(&e);
    Ok(layout(
        &p.title,
        Some((id, &short_title(p), on)),
        html! {
            h1 { (p.title) }
            p.who { "当前身份：" (caller.label) " · " (role_zh(&caller)) }
            (date_picker(&format!("/p/{id}"), on))
            div.overview {
                p { "截至 " strong #asof { (on) } "，共 " (e.programme.counts.total()) " 项指标，使用进展报告 " (e.reports_used) " 份。" }
                @if let Some((share, start, end)) = elapsed {
                    p #elapsed data-share=(share) { "时间进度 " strong { (share) "%" } "（" (start) " 至 " (end) "）" }
                }
                (stacked(&e.programme.counts))
                (legend())
                p.downloads {
                    "下载工作台账："
                    a href={ "/programmes/" (id) "/ledger.xlsx?as_of=" (on) } download { "Excel" }
                    " · "
                    a href={ "/programmes/" (id) "/ledger.csv?as_of=" (on) } download { "CSV" }
                }
            }
            @for s in &e.sections {
                section.section data-section=(s.section) {
                    h2 { (s.label) }
                    (stacked(&s.counts))
                    ul.tasks {
                        @for t in e.tasks.iter().filter(|t| t.section == s.section) {
                            li.task data-task=(t.task) data-status=(t.status.as_str()) {
                                a.tasklabel href={ "/p/" (id) "/task/" (t.task) "?as_of=" (on) } { (t.label) }
                                (stacked(&t.counts))
                                ul.targets {
                                    @for target in by_task.get(t.task.as_str()).into_iter().flatten() {
                                        (target_row(id, on, target))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

fn group_targets(e: &Evaluation) -> BTreeMap<&str, Vec<&TargetEvaluation>> {
    let mut by_task: BTreeMap<&str, Vec<&TargetEvaluation>> = BTreeMap::new();
    for t in &e.targets {
        by_task.entry(t.task.as_str()).or_default().push(t);
    }
    by_task
}

/// `/p/{id}/departments?as_of=`: per lead unit, its targets by status, most behind first.
pub async fn departments(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Page {
    page(departments_page(&state, caller, &id, &q).await)
}

async fn departments_page(
    state: &AppState,
    caller: Result<Caller, ApiError>,
    id: &str,
    q: &AsOf,
) -> Result<Markup, ApiError> {
    let (_, v, on) = load(state, caller, id, q).await?;
    let e = api::evaluation(&v, on);
    let mut units: Vec<_> = e.lead_units.iter().filter(|u| u.counts.total() > 0).collect();
    // Most lagging first; then the larger share lagging; then registry order (stable sort).
    units.sort_by(|a, b| {
        let share = |u: &&minsheng::evaluate::UnitRollUp| u.counts.lagging() * 1000 / u.counts.total().max(1);
        b.counts.lagging().cmp(&a.counts.lagging()).then(share(b).cmp(&share(a)))
    });
    Ok(layout(
        "责任单位",
        Some((id, &short_title(&v.programme), on)),
        html! {
            h1 { "责任单位进展" }
            (date_picker(&format!("/p/{id}/departments"), on))
            (legend())
            table.units {
                thead { tr { th { "牵头单位" } th { "需督办" } @for s in Status::ALL.iter().rev() { th { (s.label_zh()) } } th { "分布" } } }
                tbody {
                    @for u in &units {
                        tr data-unit=(u.unit) data-lagging=(u.counts.lagging()) {
                            td { (u.name) }
                            td.num { (u.counts.lagging()) }
                            @for s in Status::ALL.iter().rev() { td.num { (u.counts.get(*s)) } }
                            td.dist { (stacked(&u.counts)) }
                        }
                    }
                }
            }
        },
    ))
}

/// `/p/{id}/calendar?as_of=`: reports due and overdue, by department.
pub async fn calendar(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Page {
    page(calendar_page(&state, caller, &id, &q).await)
}

fn by_reporter(list: &[Obligation]) -> BTreeMap<String, Vec<&Obligation>> {
    let mut m: BTreeMap<String, Vec<&Obligation>> = BTreeMap::new();
    for o in list {
        m.entry(o.reporter_name.clone().unwrap_or_else(|| "（未指定报送单位）".into())).or_default().push(o);
    }
    m
}

fn obligations(title: &str, class: &str, list: &[Obligation]) -> Markup {
    html! {
        section class={ "duties " (class) } {
            h2 { (title) "（" (list.len()) "）" }
            @if list.is_empty() { p.muted { "无" } }
            @for (who, items) in by_reporter(list) {
                h3 { (who) }
                ul {
                    @for o in items {
                        li data-due=(o.due) {
                            span.due { (o.due) } " " (o.text)
                            @if !o.recipients.is_empty() { " → " (o.recipients.join("、")) }
                            @if !o.what.is_empty() { span.what { " " (o.what) } }
                            @if let Some(r) = o.received { span.received { " 已收到截至" (r) "的报告" } }
                        }
                    }
                }
            }
        }
    }
}

async fn calendar_page(
    state: &AppState,
    caller: Result<Caller, ApiError>,
    id: &str,
    q: &AsOf,
) -> Result<Markup, ApiError> {
    let (caller, v, on) = load(state, caller, id, q).await?;
    let cal = api::reporting(&v, &caller, on);
    Ok(layout(
        "报送日历",
        Some((id, &short_title(&v.programme), on)),
        html! {
            h1 { "进展报送日历" }
            (date_picker(&format!("/p/{id}/calendar"), on))
            @if cal.due.is_empty() && cal.overdue.is_empty() && cal.received.is_empty() {
                p.muted { "本方案未规定有日期的报送要求。" }
            }
            (obligations("已逾期未报", "overdue", &cal.overdue))
            (obligations("待报送", "due", &cal.due))
            (obligations("已按时报送", "received", &cal.received))
        },
    ))
}

/// `/p/{id}/task/{task}?as_of=`: one task with its targets, units, deadlines and reported history.
pub async fn task(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path((id, task)): Path<(String, String)>,
    Query(q): Query<AsOf>,
) -> Page {
    page(task_page(&state, caller, &id, &task, &q).await)
}

fn find<'p>(p: &'p Programme, id: &str) -> Option<&'p Task> {
    p.tasks().find(|t| t.id.as_str() == id)
}

fn duty_zh(r: Duty) -> &'static str {
    match r {
        Duty::Lead => "牵头",
        Duty::Cooperating => "配合",
        Duty::Joint => "分别负责",
        _ => "负责",
    }
}

/// The programme reduced to one task, so each dated evaluation below is small.
fn only(p: &Programme, task: &Task) -> Programme {
    let mut one = p.clone();
    one.sections.retain(|s| s.tasks.iter().flat_map(Task::walk).any(|t| t.id == task.id));
    for s in &mut one.sections {
        s.tasks = vec![task.clone()];
    }
    one
}

/// Each target's reported figure at each report date, from the crate's evaluation on that date.
fn history(p: &Programme, v: &View, task: &Task, on: NaiveDate) -> BTreeMap<String, Vec<(NaiveDate, Decimal)>> {
    let one = only(p, task);
    let mut dates: Vec<NaiveDate> = v.reports.iter().map(|r| r.as_of).filter(|d| *d <= on).collect();
    dates.sort();
    dates.dedup();
    let mut series: BTreeMap<String, Vec<(NaiveDate, Decimal)>> = BTreeMap::new();
    for d in dates {
        for t in minsheng::evaluate::evaluate(&one, &v.reports, d).targets {
            if let (Some(a), Some(at)) = (t.actual, t.reported_as_of)
                && at == d
            {
                series.entry(t.target.to_string()).or_default().push((d, a));
            }
        }
    }
    series
}

/// A small inline SVG line chart of one target's reported figures (x: date order, y: figure).
fn chart(points: &[(NaiveDate, Decimal)], goal: Option<Decimal>) -> Markup {
    let max = points.iter().map(|p| p.1).chain(goal).fold(Decimal::ZERO, Decimal::max);
    let (w, h) = (Decimal::from(300), Decimal::from(80));
    let n = Decimal::from(points.len().max(2) - 1);
    let y = |v: Decimal| if max.is_zero() { h } else { (h - v * h / max).round_dp(1) };
    let coords: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| format!("{},{}", (Decimal::from(i) * w / n).round_dp(1), y(*v)))
        .collect();
    html! {
        svg.chart viewBox="-4 -4 308 88" role="img" aria-label="上报数据走势" {
            @if let Some(g) = goal { line.goal x1="0" x2="300" y1=(y(g)) y2=(y(g)) {} }
            polyline points=(coords.join(" ")) {}
            @for c in &coords {
                @let (cx, cy) = c.split_once(',').unwrap_or(("0", "0"));
                circle cx=(cx) cy=(cy) r="3" {}
            }
        }
        ol.points {
            @for (d, v) in points { li { (d) "：" (v.normalize()) } }
        }
    }
}

async fn task_page(
    state: &AppState,
    caller: Result<Caller, ApiError>,
    id: &str,
    task_id: &str,
    q: &AsOf,
) -> Result<Markup, ApiError> {
    let (_, v, on) = load(state, caller, id, q).await?;
    let p = &v.programme;
    let Some(task) = find(p, task_id) else {
        return Err(ApiError::NotFound(format!("programme {id} has no task {task_id} you may see")));
    };
    let e = api::evaluation(&v, on);
    let series = history(p, &v, task, on);
    let statuses: BTreeMap<&str, &TargetEvaluation> = e.targets.iter().map(|t| (t.target.as_str(), t)).collect();
    Ok(layout(
        &task.label(),
        Some((id, &short_title(p), on)),
        html! {
            h1 { (task.label()) }
            p.description { (task.description) }
            h2 { "责任单位" }
            ul.units {
                @for r in &task.responsibilities {
                    li { span.role { (duty_zh(r.role)) } " " (p.unit(&r.unit).map_or(r.unit.as_str(), |u| u.name.as_str())) }
                }
                @if let Some(t) = &task.responsibility_text { li.muted { "原文：" (t) } }
            }
            @if !task.deadlines.is_empty() {
                h2 { "完成时限" }
                ul { @for d in &task.deadlines { li { (d.text) "（" (d.date) "）" } } }
            }
            h2 { "指标" }
            @if task.targets.is_empty() { p.muted { "本任务没有量化指标。" } }
            @for t in &task.targets {
                section.targetcard data-target=(t.id) {
                    h3 { (t.phrase) }
                    p.muted { "计量：" (t.subject) @if let Some(u) = t.measure.unit() { "（" (u) "）" } }
                    @if let Some(ev) = statuses.get(t.id.as_str()) {
                        p { span class={ "badge " (ev.status.as_str()) } { (ev.status.label_zh()) } " 完成 " (percent(ev.completion)) " · 应完成 " (percent(ev.expected)) }
                    }
                    @match series.get(t.id.as_str()) {
                        Some(points) => (chart(points, t.amount.as_ref().map(minsheng::Amount::low))),
                        None => p.muted { "截至 " (on) " 尚无上报数据。" },
                    }
                }
            }
        },
    ))
}
