"""The shared cache's backend: Django's Redis backend, forgiving a Redis that is away."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ForgivingRedisCache(RedisCache):
    """Django's RedisCache (CACHES when REDIS_URL is set), except that a Redis server that
    cannot be reached, or answers with an error, is a cache that keeps nothing: pages are
    rendered afresh and the failure logged, rather than every page answering 500. Only
    what the site uses is forgiven: reading and keeping a page or a fragment."""

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            logger.warning("The cache could not be read (%s): rendering afresh.", error)
            return default

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            logger.warning("The cache could not keep a page (%s).", error)
