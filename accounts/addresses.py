"""Who a request comes from, for counting failed sign-ins (django-axes's
AXES_CLIENT_IP_CALLABLE).

Behind a load balancer every request comes from the balancer's address: counted by it, one
person's failures would lock an account for everyone. The balancer says whom it forwards
for in X-Forwarded-For, and so may anyone else: the header is believed only from the
proxies gunicorn trusts (FORWARDED_ALLOW_IPS, the README's load-balancer set-up), and of
its addresses the one the nearest untrusted hop gave, the right-most that is not a trusted
proxy. From anywhere else the connection's own address counts, whatever the header says.
"""

from django.conf import settings


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    if not is_trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop):
            return hop
    return hops[0] if hops else remote


def is_trusted(address: str | None) -> bool:
    proxies = settings.TRUSTED_PROXIES
    return address is not None and ("*" in proxies or address in proxies)
