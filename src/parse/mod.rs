//! Parsing Chinese target and deadline phrases (being written).
