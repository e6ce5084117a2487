"""Project tooling: corpus, split, scoring, tuning and converters (training only)."""
