"""Tests of the pkit command line: export, summary, brief, validate, packaging."""
