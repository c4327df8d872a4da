"""Benchmarks for the handbook generator: synthetic handbooks (`bench.synth`), the measurements
(`bench.measure`), and BENCHMARKS.md written from their numbers (`bench.report`).
`python -m bench.run` measures and writes both `bench/results.json` and the report;
`python -m bench.report` writes the report again from `bench/results.json` alone. Not part of
the test suite."""
