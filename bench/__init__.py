"""Benchmarks, the load test and the outage check: scripts that print figures (README,
"Performance"). Run them from the project root: `python -m bench.run`."""
