"""A real SMTP server in the test process (aiosmtpd on 127.0.0.1) that records the Message-ID
of every message it accepts, can answer 451 or 550 on demand, and can hold its answers to DATA
so that a test knows no sender is between "accepted" and "recorded" when it kills a worker."""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO; thousands of messages would drown a failure.
logging.getLogger("mail.log").setLevel(logging.WARNING)

ACCEPTED = "250 2.0.0 Message accepted for delivery"
HELD_THEN_REFUSED = "451 4.3.0 The server paused before accepting this message; try again"

# Given a message's Message-ID and its recipients, an SMTP answer to send instead of accepting.
Answer = Callable[[str, list[str]], str | None]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RecordingHandler:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.accepted: list[str] = []  # Message-IDs, in the order the server accepted them
        self.messages: dict[str, email.message.EmailMessage] = {}
        self.raw: dict[str, bytes] = {}  # as it came over the wire, before any decoding
        self.attempts: Counter[str] = Counter()  # every DATA seen, per Message-ID
        self.connections: set[tuple[object, ...]] = set()  # client (host, port) of every DATA
        self.answer: Answer = lambda message_id, recipients: None
        self._open = threading.Event()
        self._open.set()
        self.held = 0  # DATA commands waiting on a held server
        # Called with each Message-ID once it is recorded as accepted, before the 250 goes out.
        self.accept_hook: Callable[[str], None] | None = None

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        content = envelope.original_content or envelope.content  # type: ignore[attr-defined]
        message = email.message_from_bytes(content, policy=email.policy.default)
        message_id = str(message["Message-ID"])
        with self._lock:
            self.attempts[message_id] += 1
            self.connections.add(tuple(session.peer))  # type: ignore[attr-defined]
        refusal = self.answer(message_id, list(envelope.rcpt_tos))  # type: ignore[attr-defined]
        if refusal:
            return refusal
        if not self._open.is_set():
            with self._lock:
                self.held += 1
            while not self._open.is_set():
                await asyncio.sleep(0.005)
            with self._lock:
                self.held -= 1
            # Never accepted: to the sender this is a transient failure (if it is still alive).
            return HELD_THEN_REFUSED
        with self._lock:
            self.accepted.append(message_id)
            self.messages[message_id] = message
            self.raw[message_id] = content
        if self.accept_hook is not None:
            self.accept_hook(message_id)
        return ACCEPTED

    # What the tests read, under the lock.
    def accepted_ids(self) -> list[str]:
        with self._lock:
            return list(self.accepted)

    def attempts_of(self, message_id: str) -> int:
        with self._lock:
            return self.attempts[message_id]

    def hold(self) -> None:
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def wait_until_quiet(self, *, settle: float = 2.0, timeout: float = 30.0) -> int:
        """While held: wait until at least one DATA is held and neither held DATA nor accepted
        messages have changed for `settle` seconds; every sender that was busy is then waiting
        on this server, none is between its 250 and its commit. Returns how many are held."""
        deadline = time.monotonic() + timeout
        last = (-1, -1)
        since = time.monotonic()
        while time.monotonic() < deadline:
            with self._lock:
                now = (self.held, len(self.accepted))
            if now != last:
                last, since = now, time.monotonic()
            elif now[0] > 0 and time.monotonic() - since >= settle:
                return now[0]
            time.sleep(0.05)
        raise AssertionError(f"the SMTP server never settled while held: {last}")


@contextmanager
def smtp_server() -> Iterator[tuple[RecordingHandler, int]]:
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        yield handler, port
    finally:
        handler.release()
        controller.stop()
