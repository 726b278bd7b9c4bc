from django.test import RequestFactory

from gazette.comments.clients import client_info, truncate_ip


def request(remote="198.51.100.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_ipv4_is_truncated_to_24_and_ipv6_to_48_bits():
    import ipaddress

    assert truncate_ip(ipaddress.ip_address("203.0.113.77")) == "203.0.113.0/24"
    assert truncate_ip(ipaddress.ip_address("2001:db8:abcd:12::1")) == "2001:db8:abcd::/48"
    assert truncate_ip(ipaddress.ip_address("::ffff:203.0.113.9")) == "203.0.113.0/24"


def test_forwarded_header_is_ignored_without_trusted_proxies(settings):
    settings.GAZETTE_TRUSTED_PROXIES = []

    info = client_info(request(forwarded="192.0.2.1"))

    assert info.ip_prefix == "198.51.100.0/24"


def test_forwarded_header_is_believed_from_a_trusted_proxy_only_up_to_the_first_untrusted_hop(
    settings,
):
    settings.GAZETTE_TRUSTED_PROXIES = ["10.0.0.0/8"]

    spoofed = client_info(request(remote="10.0.0.2", forwarded="192.0.2.1, 203.0.113.50"))
    direct = client_info(request(remote="198.51.100.7", forwarded="192.0.2.1"))

    assert spoofed.ip_prefix == "203.0.113.0/24", "the proxy saw 203.0.113.50, whatever came before"
    assert direct.ip_prefix == "198.51.100.0/24"
