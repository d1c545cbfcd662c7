"""gunicorn's settings for `make serve` (and the benchmarks), from the environment.

BIND (default 127.0.0.1:$PORT, PORT 8000), WEB_CONCURRENCY (sync workers; default two per
core plus one), GUNICORN_TIMEOUT (seconds a request may take, default 30) and
FORWARDED_ALLOW_IPS (the load balancers whose X-Forwarded-* headers to trust).
"""

import os

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# One line per request on standard output; GUNICORN_ACCESS_LOG= (empty) for none.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# No control socket: nothing here uses it, and several servers on one machine (a benchmark
# beside the site) would share its one default path.
control_socket_disable = True
