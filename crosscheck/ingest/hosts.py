"""Which addresses a fetch may reach: public ones only, unless a source allows its private network.

A feed or page can name any URL, and what the fetched server answers ends up in the store and
the report, so a link to `http://127.0.0.1:8080/` or to the cloud metadata address
`169.254.169.254` would publish what an internal service says. Every host is therefore
resolved and refused when any address it resolves to is loopback, private, link-local,
multicast, reserved, unspecified or otherwise not globally routable. IPv6 addresses that
carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`)
are judged by that IPv4 address.

The check runs twice: `check_url` on every URL the Fetcher is about to request (each redirect
hop included), and `GuardedBackend` at connection time, which connects to the very address it
checked, so a DNS answer that changes between the two (DNS rebinding) cannot reach an
internal host. The URL's host still goes in the Host header and as the TLS server name.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from crosscheck.errors import FetchError, HostRefusedError

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ALLOW_KEY = "allow_private_network"  # the source key that turns the check off
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix
# Checked in this order; the first that matches names the refusal.
ADDRESS_KINDS: tuple[tuple[str, Callable[[IPAddress], bool]], ...] = (
    ("unspecified", lambda ip: ip.is_unspecified),
    ("loopback", lambda ip: ip.is_loopback),
    ("link-local", lambda ip: ip.is_link_local),
    ("multicast", lambda ip: ip.is_multicast),
    ("reserved", lambda ip: ip.is_reserved),
    ("private", lambda ip: ip.is_private),
    ("non-public", lambda ip: not ip.is_global),  # e.g. 100.64.0.0/10, carrier-grade NAT
)


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_kind(address: str) -> str | None:
    """Why an address may not be fetched ('loopback', 'private', ...), or None when public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    inner = embedded_ipv4(ip)
    if inner is not None:
        kind = address_kind(str(inner))
        return f"{kind} (IPv6 for {inner})" if kind else None
    return next((name for name, test in ADDRESS_KINDS if test(ip)), None)


def refusal(host: str, addresses: Iterable[str]) -> str | None:
    """Why a host must not be fetched given what it resolves to, or None when all are public."""
    for address in addresses:
        kind = address_kind(address)
        if kind is not None:
            what = f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} address"
            shown = f"{host} is {what}" if host == address else \
                f"{host} resolves to {address}, {what}"
            return (f"refused: {shown}; crosscheck fetches public addresses only (set "
                    f"`{ALLOW_KEY}: true` on this source if it is an intranet feed)")
    return None


def resolve(host: str, port: int, resolver: Resolver) -> list[str]:
    """Addresses of host, or FetchError naming the host when it cannot be resolved."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"host {host!r} could not be resolved ({exc}); check the host name "
                         "in the URL") from None
    if not addresses:
        raise FetchError(f"host {host!r} resolves to no address; check the host name")
    return addresses


def public_addresses(host: str, port: int, resolver: Resolver) -> list[str]:
    """The host's addresses when every one is public; HostRefusedError otherwise."""
    addresses = resolve(host, port, resolver)
    reason = refusal(host, addresses)
    if reason is not None:
        raise HostRefusedError(reason)
    return addresses


def check_scheme(url: str) -> tuple[str, int]:
    """Host and port of an http(s) URL; FetchError for any other URL (file:, ftp:, no host)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) URL with a host; only web pages are fetched")
    try:
        return parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: the port is not a number from 0 to 65535") from None


def check_url(url: str, resolver: Resolver = system_resolve) -> None:
    """Refuse a URL whose host resolves to any non-public address (HostRefusedError)."""
    host, port = check_scheme(url)
    try:
        public_addresses(host, port, resolver)
    except FetchError as exc:
        raise type(exc)(f"{url}: {exc}") from None


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting to the addresses it resolved and checked itself."""

    def __init__(self, resolver: Resolver = system_resolve, *,
                 allow_private_network: bool = False) -> None:
        self.resolver = resolver
        self.allow_private_network = allow_private_network

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        """Resolve once, refuse non-public addresses, connect to the first that answers."""
        addresses = (resolve(host, port, self.resolver) if self.allow_private_network
                     else public_addresses(host, port, self.resolver))
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address,
                                           socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, its connections made by GuardedBackend."""

    def __init__(self, resolver: Resolver = system_resolve, *,
                 allow_private_network: bool = False) -> None:
        context = httpx.create_ssl_context()
        super().__init__(verify=context)
        # httpx builds its connection pool in __init__ and takes no network backend, so the
        # pool is rebuilt on the guarded one (tests/test_hosts.py fails if this stops working).
        backend = GuardedBackend(resolver, allow_private_network=allow_private_network)
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=backend)
