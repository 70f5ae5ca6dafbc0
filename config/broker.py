"""The Redis broker transport, with one repair: a channel whose connection is already closed
reports a broker connection error instead of failing on a missing attribute.

When the worker loses Redis, Celery first collects the broken connection (which detaches the
transport from it) and then closes it. Closing the consumer's channel tries to hand its reserved
but unstarted messages back to Redis, and kombu reads the connection settings from the detached
transport: an AttributeError that Celery treats as unrecoverable, so the worker process exits and
takes no task once Redis is back. As a connection error it is ignored like every other failure
of that close, and the worker reconnects. The messages it held are not lost to the product: each
send's reminders stay claimed under a lease that a later sweep takes over (see
obligations/services/reminder_sweep.py).
"""

from __future__ import annotations

from typing import Any

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError


class RedisChannel(kombu_redis.Channel):  # type: ignore[misc]
    def _connparams(self, asynchronous: bool = False) -> dict[str, Any]:
        if self.connection.client is None:
            raise RedisConnectionError("the broker connection is already closed")
        params: dict[str, Any] = super()._connparams(asynchronous=asynchronous)
        return params


class RedisTransport(kombu_redis.Transport):  # type: ignore[misc]
    Channel = RedisChannel
