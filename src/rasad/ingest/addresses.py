"""Which network addresses a fetch made on a client's behalf may reach.

The ingest-URL endpoint fetches whatever URL a client sends. Left open, that
lets a client make the server reach what only the server can see: its own
loopback services, the private network behind it, a cloud metadata address
(169.254.169.254). `public_only_client` returns an HTTP client that refuses
every address that is not globally routable, checked twice:

- before each request (and each redirect hop) the URL's host is resolved and
  every address it resolves to must be public, so the failure names the
  address;
- when the connection is opened, the host is resolved again and the socket
  is connected to an address that passed the check, so a name that resolves
  to a public address once and to 127.0.0.1 the next time (DNS rebinding)
  still cannot reach loopback.

Numeric spellings (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`) resolve to
the address they mean and are refused like it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: Address) -> bool:
    """Globally routable and not multicast; an IPv4 address mapped into IPv6 counts as itself."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int = 0) -> list[Address]:
    """Every address `host` resolves to (a literal resolves to itself); [] when none."""
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found: list[Address] = []
    for info in infos:
        text = str(info[4][0]).split("%", 1)[0]
        address = ipaddress.ip_address(text)
        if address not in found:
            found.append(address)
    return found


def refusal(host: str) -> str | None:
    """Why `host` may not be fetched (it resolves to a non-public address), or None."""
    found = resolve(host)
    if not found:
        return None  # the request itself will fail with the resolver's own message
    private = [a for a in found if not is_public(a)]
    if private:
        return f"{host} resolves to {private[0]}, which is not a public address"
    return None


def _public_addresses(host: str, port: int) -> list[Address]:
    found = resolve(host, port)
    if not found:
        raise httpcore.ConnectError(f"cannot resolve {host}")
    private = [a for a in found if not is_public(a)]
    if private:
        raise httpcore.ConnectError(f"refused: {host} resolves to {private[0]}, not public")
    return found


class PublicOnlyBackend(httpcore.SyncBackend):
    """Opens TCP connections only to public addresses, to the very address it checked."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in _public_addresses(host, port):
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as e:
                last = e
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


def public_only_transport() -> httpx.HTTPTransport:
    """An httpx transport whose connections go to public addresses only.

    httpx has no public hook for the connection backend; its pool is rebuilt
    with the same TLS settings and the checking backend (httpx is pinned).
    """
    transport = httpx.HTTPTransport()
    old = transport._pool
    transport._pool = httpcore.ConnectionPool(
        ssl_context=old._ssl_context,
        network_backend=PublicOnlyBackend(),
    )
    old.close()
    return transport
