"""Cue lexicons shipped as package data (JSONL, one pattern per line)."""
