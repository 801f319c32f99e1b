"""Session counts (in total, per source IP, per key) and the per-session output-rate cap."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """One admitted session; give it back with :meth:`SessionLimits.release`."""

    ip: str
    key: str


class SessionLimits:
    def __init__(self, total: int, per_ip: int, per_key: int) -> None:
        self.total, self.per_ip, self.per_key = total, per_ip, per_key
        self.active = 0
        self._ips: Counter[str] = Counter()
        self._keys: Counter[str] = Counter()

    def acquire(self, ip: str, key: str) -> Slot | str:
        """A slot, or the reason (one sentence for the user) why not."""
        if self.active >= self.total:
            return f"the server is full ({self.total} sessions); try again later"
        if self._ips[ip] >= self.per_ip:
            return f"too many sessions from {ip} ({self.per_ip}); close one first"
        if self._keys[key] >= self.per_key:
            return f"too many sessions with this key ({self.per_key}); close one first"
        self.active += 1
        self._ips[ip] += 1
        self._keys[key] += 1
        return Slot(ip, key)

    def release(self, slot: Slot) -> None:
        self.active -= 1
        self._ips[slot.ip] -= 1
        self._keys[slot.key] -= 1
        if self._ips[slot.ip] <= 0:
            del self._ips[slot.ip]
        if self._keys[slot.key] <= 0:
            del self._keys[slot.key]


class TokenBucket:
    """Bytes per second with a burst allowance; :meth:`take` waits when the bucket is empty."""

    def __init__(self, rate: int, burst: int) -> None:
        self.rate = max(1, rate)
        self.burst = max(1, burst)
        self._tokens = float(self.burst)
        self._stamp = time.monotonic()

    def _refill(self) -> None:
        now = time.monotonic()
        self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    async def wait_for(self, wanted: int) -> int:
        """Wait until some budget is there; return how many bytes may go now (1..wanted)."""
        self._refill()
        while self._tokens < 1:
            await asyncio.sleep(min(0.25, (1 - self._tokens) / self.rate + 0.001))
            self._refill()
        return max(1, min(wanted, int(self._tokens)))

    def spend(self, n: int) -> None:
        self._tokens -= n
