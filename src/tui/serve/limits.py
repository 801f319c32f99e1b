"""Session counts (in total, per source IP, per key), the per-address share and rate of
connections before authentication, and the token bucket behind the rate caps."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


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
    """``rate`` tokens per second, at most ``burst`` saved up.

    The clock and the sleep are injectable, so tests run on a fake clock instead of timing.
    """

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.rate = max(1e-9, float(rate))
        self.burst = max(1, burst)
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(self.burst)
        self._stamp = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    @property
    def full(self) -> bool:
        self._refill()
        return self._tokens >= self.burst

    def try_take(self, n: int = 1) -> bool:
        """Take n tokens if they are there (True), else take none (False)."""
        self._refill()
        if self._tokens < n:
            return False
        self._tokens -= n
        return True

    async def wait_for(self, wanted: int) -> int:
        """Wait until some budget is there; return how many may go now (1..wanted)."""
        self._refill()
        while self._tokens < 1:
            await self._sleep(min(0.25, (1 - self._tokens) / self.rate + 0.001))
            self._refill()
        return max(1, min(wanted, int(self._tokens)))

    def spend(self, n: int) -> None:
        self._tokens -= n


def address_group(ip: str) -> str:
    """Who counts as one address: the IPv4 address, or the IPv6 /64 (one host's usual share)."""
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return str(addr.ipv4_mapped)
        return str(ipaddress.IPv6Network((addr, 64), strict=False))
    return str(addr)


class PreAuthLimits:
    """Connections not yet authenticated: a share per address and a rate of new ones.

    One address holding idle sockets can take at most ``per_address`` of the places, and
    opens at most ``burst`` connections at once then ``rate`` per second, so it cannot lock
    another address out or make the server spend all its time on key exchanges.
    """

    MAX_TRACKED = 4096  # addresses whose rate is remembered; full buckets are forgotten first

    def __init__(
        self, per_address: int, rate: float, burst: int, *, clock: Clock = time.monotonic
    ) -> None:
        self.per_address = per_address
        self.rate, self.burst = rate, burst
        self._clock = clock
        self._open: Counter[str] = Counter()
        self._buckets: dict[str, TokenBucket] = {}

    def admit(self, ip: str) -> str | None:
        """Count a new connection from ip, or say (one sentence) why it is refused."""
        group = address_group(ip)
        if self._open[group] >= self.per_address:
            return (
                f"too many connections from {ip} waiting to log in ({self.per_address}); "
                "try again later"
            )
        bucket = self._buckets.get(group)
        if bucket is None:
            self._prune()
            bucket = self._buckets[group] = TokenBucket(self.rate, self.burst, clock=self._clock)
        if not bucket.try_take():
            return f"too many new connections from {ip}; wait a few seconds"
        self._open[group] += 1
        return None

    def done(self, ip: str) -> None:
        """The connection authenticated or closed: its place is free again."""
        group = address_group(ip)
        self._open[group] -= 1
        if self._open[group] <= 0:
            del self._open[group]

    def waiting(self, ip: str) -> int:
        return self._open.get(address_group(ip), 0)

    def _prune(self) -> None:
        if len(self._buckets) < self.MAX_TRACKED:
            return
        for group in [g for g, b in self._buckets.items() if b.full]:
            del self._buckets[group]
        while len(self._buckets) >= self.MAX_TRACKED:  # all busy: forget the oldest
            del self._buckets[next(iter(self._buckets))]
