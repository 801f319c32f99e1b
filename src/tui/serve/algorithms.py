"""The SSH algorithms the server offers: OpenSSH 10's sshd defaults minus anything weaker.

OpenSSH 10.0 dropped finite-field Diffie-Hellman (every ``diffie-hellman-group*`` and
group-exchange method) from sshd's defaults; so does pkit, which also removes the
unauthenticated "DHEat" cost of large group exchanges (about 24 ms of the server's CPU for
each 8192-bit request). Of OpenSSH's elliptic-curve exchanges only nistp256 stays: nistp384
and nistp521 cost an unauthenticated client's server several times as much, and every
client that offers them offers nistp256 (and nearly all curve25519) too. Also left out of
OpenSSH's lists: the 64-bit-tag UMAC and SHA-1 MACs. Nothing from asyncssh's extras
(secp256k1, curve448, @ssh.com MACs, CBC). Each list keeps only what this asyncssh build
supports (ML-KEM needs a recent one).
"""

from __future__ import annotations

from asyncssh.encryption import get_encryption_algs
from asyncssh.kex import get_kex_algs
from asyncssh.mac import get_mac_algs
from asyncssh.public_key import get_public_key_algs

KEX = (
    "mlkem768x25519-sha256",
    "curve25519-sha256",
    "curve25519-sha256@libssh.org",
    "ecdh-sha2-nistp256",
)
CIPHERS = (
    "chacha20-poly1305@openssh.com",
    "aes128-gcm@openssh.com",
    "aes256-gcm@openssh.com",
    "aes128-ctr",
    "aes192-ctr",
    "aes256-ctr",
)
MACS = (
    "umac-128-etm@openssh.com",
    "hmac-sha2-256-etm@openssh.com",
    "hmac-sha2-512-etm@openssh.com",
    "umac-128@openssh.com",
    "hmac-sha2-256",
    "hmac-sha2-512",
)
# announced to clients (server-sig-algs) for their user keys: no ssh-rsa (SHA-1), no DSA
SIGNATURES = (
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "rsa-sha2-512",
    "rsa-sha2-256",
)


def _supported(wanted: tuple[str, ...], available: list[bytes]) -> list[str]:
    return [name for name in wanted if name.encode() in available]


def listen_options() -> dict[str, list[str]]:
    """The algorithm options for ``asyncssh.listen``."""
    return {
        "kex_algs": _supported(KEX, get_kex_algs()),
        "encryption_algs": _supported(CIPHERS, get_encryption_algs()),
        "mac_algs": _supported(MACS, get_mac_algs()),
        "signature_algs": _supported(SIGNATURES, get_public_key_algs()),
    }
