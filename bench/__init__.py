"""Benchmarks, the load test, the outage check and the page comparison: scripts that print
figures (docs/performance.md). Run them from the project root:
`.venv/bin/python -m bench.run`, or `make bench`."""
