"""Who `onward serve` answers: the rules, without the server (tui/web/server.py applies them to each request).

Three checks, each refusing what the others might let through:
- the Host header names the address being served (a DNS-rebinding page reaches 127.0.0.1 under a name of its
  own, say evil.example, and is refused);
- a WebSocket's Origin is the page's own address (a page from elsewhere, even another port on this machine,
  can't open the app's socket: a browser sends its own Origin and no script can change it);
- every request carries the run's secret token: in the address `onward serve` prints (?token=…) or in the
  cookie the first visit with it sets. Another user of this machine, or anyone on the network, can reach the
  port but does not know the token.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

TOKEN_PARAMETER = "token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})


def new_token() -> str:
    """A fresh secret for one run of `onward serve` (256 bits, fit for a URL)."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, token: str) -> bool:
    """Whether `given` is the run's token (compared in constant time)."""
    return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def cookie_name(port: int) -> str:
    """The token's cookie: one per port, as a browser keeps cookies per host whatever the port."""
    return f"onward_token_{port}"


def split_host(header: str) -> tuple[str, int | None] | None:
    """The name and port a Host header gives ("[::1]:8000" -> ("::1", 8000)); None when it is malformed."""
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else None
    elif header.count(":") > 1:
        return None  # a bare IPv6 address must be in brackets
    else:
        name, colon, port_text_or_empty = header.partition(":")
        port_text = port_text_or_empty if colon else None
    if port_text is None:
        port = None
    elif port_text.isascii() and port_text.isdigit() and len(port_text) <= 5:
        port = int(port_text)
    else:
        return None
    name = name.rstrip(".")
    return (name, port) if name else None


def plain_address(address: str) -> str:
    """An address as the Host header would name it: no IPv6 zone, an IPv4-mapped IPv6 address as IPv4."""
    address = address.split("%", 1)[0].lower()
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(parsed)


def is_loopback(address: str) -> bool:
    """Whether `address` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if address.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(plain_address(address)).is_loopback
    except ValueError:
        return False


def allowed_names(bound: str, arrived_at: str | None, machine_names: frozenset[str]) -> frozenset[str]:
    """The names a request's Host may give: the address served (`bound`, unless it is every address), the
    address the connection arrived at, localhost's names when that is this machine only, and this machine's
    own names (`machine_names`: its hostname) when serving beyond it."""
    names = set()
    if bound.lower() not in EVERY_ADDRESS:
        names.add(plain_address(bound))
    if arrived_at:
        names.add(plain_address(arrived_at))
    if is_loopback(bound) or (arrived_at is not None and is_loopback(arrived_at)):
        names |= LOOPBACK_NAMES
    if not is_loopback(bound):
        names |= {name.lower() for name in machine_names}
    return frozenset(names)


def host_allowed(header: str | None, port: int, names: frozenset[str]) -> bool:
    """Whether a request's Host header names this server: one of `names`, on its port (a browser leaves out
    port 80)."""
    if not header:
        return False
    split = split_host(header)
    if split is None:
        return False
    name, given_port = split
    if given_port != port and not (given_port is None and port == 80):
        return False
    return plain_address(name) in names


def origin_allowed(origin: str | None, host: str) -> bool:
    """Whether a WebSocket's Origin is the page's own (http://HOST, HOST as the request's Host gave it)."""
    return origin is not None and origin.strip().lower() == f"http://{host.strip().lower()}"


def address_for_url(host: str) -> str:
    """`host` as written in a URL (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def page_url(host: str, port: int, token: str) -> str:
    """The address to open: the server's, with the token."""
    return f"http://{address_for_url(host)}:{port}/?{TOKEN_PARAMETER}={token}"
