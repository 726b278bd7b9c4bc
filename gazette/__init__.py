"""Gazette: a self-hosted news site engine built on Django and Wagtail."""

__version__ = "0.1.0"
