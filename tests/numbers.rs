//! parse ∘ display = identity for document numbers, task numbers and units;
//! decimals survive the JSON round trip exactly.

use minsheng::{DocumentNumber, NumberSegment, NumberStyle, TaskNumber, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn style() -> impl Strategy<Value = NumberStyle> {
    prop_oneof![
        Just(NumberStyle::Arabic),
        Just(NumberStyle::ParenArabic),
        Just(NumberStyle::Circled),
        Just(NumberStyle::Chinese),
        Just(NumberStyle::ParenChinese),
        Just(NumberStyle::ChineseShi),
    ]
}

fn segment() -> impl Strategy<Value = NumberSegment> {
    style().prop_flat_map(|style| {
        let max = match style {
            NumberStyle::Circled => 50u32,
            NumberStyle::Chinese | NumberStyle::ParenChinese | NumberStyle::ChineseShi => 99,
            _ => 100_000,
        };
        (1u32..=max).prop_map(move |value| NumberSegment { value, style })
    })
}

proptest! {
    #[test]
    fn task_numbers_round_trip(segments in prop::collection::vec(segment(), 1..5)) {
        let n = TaskNumber::new(segments).unwrap();
        let shown = n.to_string();
        let back: TaskNumber = shown.parse().unwrap();
        prop_assert_eq!(&back, &n);
        let json = serde_json::to_string(&n).unwrap();
        prop_assert_eq!(serde_json::from_str::<TaskNumber>(&json).unwrap(), n);
    }

    #[test]
    fn document_numbers_round_trip(agency in "[青楚淮西东海政办通杜字]{1,6}", year in 1949i32..2100, serial in 1u32..100_000) {
        let n = DocumentNumber { agency, year, serial };
        let back: DocumentNumber = n.to_string().parse().unwrap();
        prop_assert_eq!(&back, &n);
        // The bracket variants people type read the same.
        for (open, close) in [("[", "]"), ("(", ")"), ("【", "】"), ("（", "）")] {
            let typed = format!("{}{open}{}{close} {} 号", n.agency, n.year, n.serial);
            prop_assert_eq!(&typed.parse::<DocumentNumber>().unwrap(), &n);
        }
    }

    #[test]
    fn decimals_round_trip_exactly(mantissa in any::<i64>(), scale in 0u32..12) {
        let d = Decimal::new(mantissa, scale);
        let amount = minsheng::Amount::exactly(d);
        let json = serde_json::to_string(&amount).unwrap();
        let back: minsheng::Amount = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.value(), Some(d));
        prop_assert_eq!(back.value().map(|v| v.to_string()), Some(d.to_string()));
    }

    #[test]
    fn any_unit_text_round_trips(s in "\\PC{1,8}") {
        prop_assume!(!s.trim().is_empty());
        let u: Unit = s.parse().unwrap();
        let json = serde_json::to_string(&u).unwrap();
        let back: Unit = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.symbol(), u.symbol());
    }

    #[test]
    fn arbitrary_text_never_panics_the_parsers(s in "\\PC{0,24}") {
        let _ = s.parse::<TaskNumber>();
        let _ = s.parse::<DocumentNumber>();
        let _ = minsheng::from_str(&s);
        let _ = minsheng::parse_decimal(&s);
    }
}
