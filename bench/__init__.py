"""Benchmarks for the handbook generator: synthetic handbooks (`bench.synth`) and the
measurements that write BENCHMARKS.md (`python -m bench.run`). Not part of the test suite."""
