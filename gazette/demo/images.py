"""Deterministic demo imagery drawn with Pillow only.

``lead_image`` returns an abstract illustration for an article and
``author_photo`` a portrait placeholder for a reporter. Both return JPEG
bytes, need no network or font files, and give identical bytes for
identical arguments.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import math
import random
import unicodedata
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFilter, ImageFont

JPEG_QUALITY = 82
SUPERSAMPLE = 2

Colour = tuple[int, int, int]
Draw = ImageDraw.ImageDraw

_HUE_SCHEMES: tuple[tuple[float, ...], ...] = (
    (0.0, 0.06, -0.06, 0.5, 0.44),  # analogous with a complementary accent
    (0.0, 0.33, 0.67, 0.04, 0.37),  # triadic
    (0.0, 0.5, 0.08, 0.58, -0.08),  # split complementary
    (0.0, 0.1, 0.2, 0.3, 0.62),  # warm sweep
    (0.0, 0.03, -0.03, 0.06, 0.5),  # near monochrome
)


def _rng(*parts: str) -> random.Random:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest, "big"))


def _hls(hue: float, lightness: float, saturation: float) -> Colour:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return (round(r * 255), round(g * 255), round(b * 255))


class _Palette(NamedTuple):
    background: list[Colour]
    accents: list[Colour]
    ink: Colour


def _palette(rng: random.Random) -> _Palette:
    """Pick a harmonious palette: two background tones, five accents and an ink."""
    base = rng.random()
    offsets = rng.choice(_HUE_SCHEMES)
    dark_bg = rng.random() < 0.55
    if dark_bg:
        bg = (
            _hls(base + rng.uniform(-0.04, 0.04), rng.uniform(0.12, 0.2), rng.uniform(0.35, 0.6)),
            _hls(base + offsets[1], rng.uniform(0.26, 0.36), rng.uniform(0.4, 0.7)),
        )
        light_range = (0.45, 0.72)
    else:
        bg = (
            _hls(base + rng.uniform(-0.04, 0.04), rng.uniform(0.82, 0.9), rng.uniform(0.35, 0.65)),
            _hls(base + offsets[1], rng.uniform(0.68, 0.78), rng.uniform(0.4, 0.7)),
        )
        light_range = (0.3, 0.58)
    accents = [
        _hls(
            base + off + rng.uniform(-0.015, 0.015),
            rng.uniform(*light_range),
            rng.uniform(0.45, 0.75),
        )
        for off in offsets
    ]
    rng.shuffle(accents)
    return _Palette(list(bg), accents, _hls(base, 0.95 if dark_bg else 0.14, 0.3))


def _background(
    rng: random.Random, colours: list[Colour], accents: list[Colour], size: tuple[int, int]
) -> Image.Image:
    """A soft mesh gradient: a tiny blurred sketch scaled up to full size."""
    sw, sh = 64, max(8, round(64 * size[1] / size[0]))
    small = Image.new("RGB", (sw, sh))
    angle = rng.uniform(0, math.tau)
    dx, dy = math.cos(angle), math.sin(angle)
    c0, c1 = colours
    pixels = []
    for y in range(sh):
        for x in range(sw):
            t = ((x / sw - 0.5) * dx + (y / sh - 0.5) * dy) / 0.71 * 0.5 + 0.5
            t = min(1.0, max(0.0, t))
            pixels.append(tuple(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True)))
    small.putdata(pixels)
    glow = ImageDraw.Draw(small, "RGBA")
    for _ in range(rng.randint(2, 3)):
        r = rng.uniform(0.2, 0.45) * sw
        cx, cy = rng.uniform(0, sw), rng.uniform(0, sh)
        fill = (*rng.choice(accents), rng.randint(70, 130))
        glow.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
    small = small.filter(ImageFilter.GaussianBlur(sw / 9))
    half = (size[0] // SUPERSAMPLE, size[1] // SUPERSAMPLE)
    return small.resize(half, Image.Resampling.BICUBIC).resize(size, Image.Resampling.NEAREST)


def _orbs(draw: Draw, rng: random.Random, w: int, h: int, accents: list[Colour]) -> None:
    for _ in range(rng.randint(4, 7)):
        r = rng.uniform(0.08, 0.32) * h
        cx, cy = rng.uniform(0.05, 0.95) * w, rng.uniform(0.05, 0.95) * h
        colour = rng.choice(accents)
        box = (cx - r, cy - r, cx + r, cy + r)
        if rng.random() < 0.3:
            draw.ellipse(box, outline=(*colour, 200), width=max(2, round(r * 0.06)))
        else:
            draw.ellipse(box, fill=(*colour, rng.randint(110, 190)))


def _bands(draw: Draw, rng: random.Random, w: int, h: int, accents: list[Colour]) -> None:
    angle = rng.uniform(-0.9, 0.9) + (math.pi / 2 if rng.random() < 0.3 else 0)
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    span = math.hypot(w, h)
    offset = rng.uniform(-0.3, 0.1) * span
    for _ in range(rng.randint(3, 6)):
        thickness = rng.uniform(0.03, 0.14) * h
        cx, cy = w / 2 + nx * offset, h / 2 + ny * offset
        a = (cx - dx * span, cy - dy * span)
        b = (cx + dx * span, cy + dy * span)
        poly = [
            (a[0], a[1]),
            (b[0], b[1]),
            (b[0] + nx * thickness, b[1] + ny * thickness),
            (a[0] + nx * thickness, a[1] + ny * thickness),
        ]
        draw.polygon(poly, fill=(*rng.choice(accents), rng.randint(90, 170)))
        offset += thickness + rng.uniform(0.01, 0.09) * h


def _arcs(draw: Draw, rng: random.Random, w: int, h: int, accents: list[Colour]) -> None:
    cx = rng.choice((0.0, 1.0, rng.uniform(0.2, 0.8))) * w
    cy = rng.choice((0.0, 1.0)) * h
    ring = rng.uniform(0.04, 0.07) * h
    r = rng.uniform(0.15, 0.3) * h
    for _ in range(rng.randint(4, 7)):
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r),
            outline=(*rng.choice(accents), rng.randint(140, 220)),
            width=round(ring * rng.uniform(0.35, 0.9)),
        )
        r += ring * rng.uniform(1.0, 1.8)


def _hills(draw: Draw, rng: random.Random, w: int, h: int, accents: list[Colour]) -> None:
    layers = rng.randint(3, 4)
    for i in range(layers):
        base = h * (0.45 + 0.5 * (i + 1) / (layers + 1))
        amp = rng.uniform(0.03, 0.09) * h
        freq = rng.uniform(1.0, 2.6)
        phase = rng.uniform(0, math.tau)
        steps = 48
        points = [
            (w * s / steps, base + amp * math.sin(phase + freq * math.tau * s / steps))
            for s in range(steps + 1)
        ]
        draw.polygon([*points, (w, h), (0, h)], fill=(*rng.choice(accents), rng.randint(150, 225)))


def _blocks(draw: Draw, rng: random.Random, w: int, h: int, accents: list[Colour]) -> None:
    tilt = rng.uniform(-0.5, 0.5)
    for _ in range(rng.randint(3, 6)):
        bw, bh = rng.uniform(0.12, 0.4) * w, rng.uniform(0.1, 0.35) * h
        cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
        theta = tilt + rng.choice((0.0, 0.0, math.pi / 2))
        c, s = math.cos(theta), math.sin(theta)
        corners = [(-bw / 2, -bh / 2), (bw / 2, -bh / 2), (bw / 2, bh / 2), (-bw / 2, bh / 2)]
        poly = [(cx + x * c - y * s, cy + x * s + y * c) for x, y in corners]
        draw.polygon(poly, fill=(*rng.choice(accents), rng.randint(100, 180)))


def _dots(draw: Draw, rng: random.Random, w: int, h: int, accents: list[Colour]) -> None:
    cols, rows = rng.randint(5, 9), rng.randint(3, 6)
    gap = rng.uniform(0.035, 0.05) * h
    x0 = rng.uniform(0.05, 0.95 - cols * gap / w) * w
    y0 = rng.uniform(0.05, 0.95 - rows * gap / h) * h
    r = gap * rng.uniform(0.14, 0.24)
    colour = rng.choice(accents)
    for row in range(rows):
        for col in range(cols):
            x, y = x0 + col * gap, y0 + row * gap
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, 230))


_MOTIFS = (_orbs, _bands, _arcs, _hills, _blocks)


def _title_rhythm(draw: Draw, title: str, w: int, h: int, ink: Colour) -> None:
    """A short row of rounded bars, one per headline word, sized by word length.

    The row starts at the right-hand edge for right-to-left headlines.
    """
    words = [word for word in title.split() if word.strip()][:12]
    if not words:
        return
    unit = h * 0.011
    bar = h * 0.012
    rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in title)
    step = -1 if rtl else 1
    x, y = (w * 0.955 if rtl else w * 0.045), h * 0.93
    for word in words:
        length = unit * (2 + min(len(word), 12))
        x0, x1 = sorted((x, x + step * length))
        draw.rounded_rectangle((x0, y - bar / 2, x1, y + bar / 2), radius=bar / 2, fill=(*ink, 150))
        x += step * (length + unit * 1.6)


def _to_jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def lead_image(seed: str, title: str, width: int = 1600, height: int = 900) -> bytes:
    """Return JPEG bytes of a deterministic abstract illustration.

    The palette and composition derive from ``seed``; the words of ``title``
    add a small rhythm of bars near the bottom edge.
    """
    rng = _rng("lead", seed)
    palette = _palette(rng)
    accents = palette.accents
    w, h = width * SUPERSAMPLE, height * SUPERSAMPLE
    canvas = _background(rng, palette.background, accents, (w, h))
    draw = ImageDraw.Draw(canvas, "RGBA")
    motifs = rng.sample(_MOTIFS, 2)
    if _hills in motifs:
        motifs.remove(_hills)
        motifs.append(_hills)
    for motif in motifs:
        motif(draw, rng, w, h, accents)
    if rng.random() < 0.6:
        _dots(draw, rng, w, h, accents)
    _title_rhythm(draw, title, w, h, palette.ink)
    return _to_jpeg(canvas.reduce(SUPERSAMPLE))


def _centred_text(
    draw: Draw, centre: tuple[float, float], text: str, size: int, ink: Colour
) -> None:
    try:
        font = ImageFont.load_default(size=size)
    except ImportError:
        font = ImageFont.load_default()
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = centre[0] - (left + right) / 2
    y = centre[1] - (top + bottom) / 2
    draw.text((x, y), text, fill=(*ink, 255), font=font)


def author_photo(seed: str, initials: str, size: int = 400) -> bytes:
    """Return JPEG bytes of a deterministic portrait placeholder.

    A head-and-shoulders silhouette on a coloured backdrop; non-empty
    ``initials`` are set in a badge with Pillow's built-in font.
    """
    rng = _rng("author", seed)
    hue = rng.random()
    s = size * SUPERSAMPLE
    top = _hls(hue, rng.uniform(0.62, 0.7), rng.uniform(0.35, 0.55))
    bottom = _hls(hue + rng.uniform(0.04, 0.12), rng.uniform(0.4, 0.48), rng.uniform(0.35, 0.55))
    gradient = Image.linear_gradient("L").resize((s, s), Image.Resampling.BILINEAR)
    canvas = Image.composite(
        Image.new("RGB", (s, s), bottom), Image.new("RGB", (s, s), top), gradient
    )
    draw = ImageDraw.Draw(canvas, "RGBA")

    halo = _hls(hue + 0.5, 0.82, 0.45)
    r = s * rng.uniform(0.34, 0.4)
    cx, cy = s * rng.uniform(0.46, 0.54), s * 0.46
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*halo, 60))

    figure = _hls(hue + rng.uniform(-0.05, 0.05), rng.uniform(0.18, 0.26), rng.uniform(0.2, 0.35))
    shoulder_w = s * rng.uniform(0.36, 0.42)
    shoulder_top = s * rng.uniform(0.68, 0.72)
    draw.rounded_rectangle(
        (s / 2 - shoulder_w, shoulder_top, s / 2 + shoulder_w, s * 1.2),
        radius=s * 0.2,
        fill=(*figure, 255),
    )
    neck = s * 0.055
    neck_box = (s / 2 - neck, s * 0.55, s / 2 + neck, shoulder_top + s * 0.02)
    draw.rectangle(neck_box, fill=(*figure, 255))
    head_w, head_h = s * rng.uniform(0.15, 0.165), s * rng.uniform(0.18, 0.195)
    head_y = s * 0.4
    head_box = (s / 2 - head_w, head_y - head_h, s / 2 + head_w, head_y + head_h)
    draw.ellipse(head_box, fill=(*figure, 255))

    text = "".join(ch for ch in initials.strip() if not ch.isspace())[:3].upper()
    if text:
        badge_r = s * 0.13
        bx, by = s * 0.8, s * 0.8
        badge = (bx - badge_r, by - badge_r, bx + badge_r, by + badge_r)
        draw.ellipse(badge, fill=(255, 255, 255, 235))
        _centred_text(
            draw, (bx, by), text, round(badge_r * (0.95 if len(text) < 3 else 0.7)), figure
        )

    return _to_jpeg(canvas.reduce(SUPERSAMPLE))
