"""Who is posting: the client address (believing proxies only when told to) and its prefix."""

import ipaddress
from dataclasses import dataclass

from django.conf import settings

IPV4_PREFIX = 24
IPV6_PREFIX = 48


@dataclass(frozen=True)
class ClientInfo:
    ip_prefix: str  # e.g. "203.0.113.0/24"; empty when the address could not be read
    user_agent: str


def _networks(entries: list[str]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return networks


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None


def client_address(request):
    """The socket peer, or with ``GAZETTE_TRUSTED_PROXIES`` the nearest untrusted hop.

    ``X-Forwarded-For`` is read right to left and only while each hop is a trusted proxy, so a
    reader cannot choose their own address by sending the header.
    """
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    trusted = _networks(settings.GAZETTE_TRUSTED_PROXIES)
    if peer is None or not any(peer in network for network in trusted):
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            return peer
        if not any(address in network for network in trusted):
            return address
    return peer


def truncate_ip(address) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address; what Gazette stores."""
    if address is None:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = IPV4_PREFIX if address.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def client_info(request) -> ClientInfo:
    return ClientInfo(
        ip_prefix=truncate_ip(client_address(request)),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
