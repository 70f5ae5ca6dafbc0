"""The Redis broker transport: a worker that loses Redis while it holds reserved messages closes
its channel without crashing (see config/broker.py)."""

from __future__ import annotations

import shutil

import pytest
from kombu import Connection
from kombu.common import ignore_errors
from kombu.transport import redis as kombu_redis

from config.broker import RedisTransport
from config.celery import app
from tests.reliability.fixtures import redis_server_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="needs redis-server on PATH"
)


def close_detached_channel(url: str, transport: type[kombu_redis.Transport]) -> bool:
    """Reserve a message without acknowledging it, detach the transport from the connection
    (what collecting a broken connection leaves behind when the channel's own close failed
    mid-poll) and close the channel the way Celery does, ignoring connection errors."""
    connection = Connection(url, transport=transport)
    channel = connection.default_channel
    queue = connection.SimpleQueue("probe", channel=channel)
    queue.put({"reminder": 1})
    message = queue.get(timeout=5)
    assert message.payload == {"reminder": 1}
    assert channel.qos._delivered, "the message should be reserved, not acknowledged"
    connection._do_close_transport()
    ignore_errors(connection, channel.close)
    return bool(channel.closed)


def test_a_detached_channel_closes_as_a_connection_error(redis_server):
    assert close_detached_channel(redis_server.url, RedisTransport)


def test_the_stock_transport_crashes_on_the_same_close(redis_server):
    """The counterexample the repair exists for: kombu's own channel fails on a missing
    attribute, which Celery's worker treats as unrecoverable."""
    with pytest.raises(AttributeError, match="hostname"):
        close_detached_channel(redis_server.url, kombu_redis.Transport)


def test_a_redis_broker_url_uses_the_repaired_transport():
    if not str(app.conf.broker_url).startswith("redis://"):
        pytest.skip("the tests run on the filesystem broker (no REDIS_URL)")
    with app.connection_for_write() as connection:
        assert isinstance(connection.transport, RedisTransport)
