"""Tests of the benchmark harness (bench/): its suites, statistics and report."""
