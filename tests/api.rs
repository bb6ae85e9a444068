//! What services embedding the crate rely on: thread safety, std errors, purity.

fn send_sync<T: Send + Sync + 'static>() {}
fn std_error<T: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    send_sync::<minsheng::Programme>();
    send_sync::<minsheng::Report>();
    send_sync::<minsheng::aggregate::Summary>();
    send_sync::<minsheng::aggregate::Totals>();
    send_sync::<minsheng::Error>();
    std_error::<minsheng::Error>();
    std_error::<minsheng::IdError>();
    std_error::<minsheng::DocumentNumberError>();
    std_error::<minsheng::TaskNumberError>();
    std_error::<minsheng::aggregate::AddError>();
}

#[test]
fn validation_and_aggregation_are_pure_and_thread_safe() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/qinghai-2021.json")).unwrap();
    let p = std::sync::Arc::new(minsheng::from_str(&text).unwrap());
    let before = (*p).clone();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = p.clone();
            std::thread::spawn(move || (minsheng::validate(&p), minsheng::aggregate::summary(&p)))
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(results.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(*p, before, "nothing the caller passed in is changed");
}

#[test]
fn document_numbers_round_trip_through_display() {
    for s in
        ["青政办〔2021〕24号", "楚政办通〔2021〕5号", "淮杜政〔2021〕21号", "西政办〔2020〕91号", "东政办〔2024〕26号"]
    {
        let n: minsheng::DocumentNumber = s.parse().unwrap();
        assert_eq!(n.to_string(), s);
    }
}
