//! Facts from the haidong notice (being encoded).
