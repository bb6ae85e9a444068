//! Facts from the duji notice (being encoded).
