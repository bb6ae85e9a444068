//! Facts from the qinghai notice (being encoded).
