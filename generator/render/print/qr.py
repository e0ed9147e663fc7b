"""QR codes for notices: an SVG data URI made locally with segno (no network, no image files)."""

from __future__ import annotations

from urllib.parse import quote

import segno

DEFAULT_SITE_URL = "https://handbook.example.com/"


def qr_data_uri(url: str) -> str:
    """A scalable QR code for ``url``; medium error correction survives a scuffed poster."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_data_uri(scale=1, border=2, dark="#000", light="#fff")


def page_url(site_url: str, *parts: str) -> str:
    """``<site_url>/<part>/<part>/`` with a single slash between each piece."""
    base = (site_url or DEFAULT_SITE_URL).rstrip("/")
    return "/".join([base, *(quote(p, safe="") for p in parts)]) + "/"
