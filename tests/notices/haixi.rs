//! Facts from the haixi notice (being encoded).
