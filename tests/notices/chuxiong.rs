//! Facts from the chuxiong notice (being encoded).
