//! Facts taken from the five real notices, asserted against their encodings
//! in `examples/data/`. Each fact's comment names the line of the notice.

#[path = "notices/common.rs"]
mod common;

#[path = "notices/qinghai.rs"]
mod qinghai;

#[path = "notices/haidong.rs"]
mod haidong;

#[path = "notices/duji.rs"]
mod duji;

#[path = "notices/chuxiong.rs"]
mod chuxiong;

#[path = "notices/haixi.rs"]
mod haixi;
