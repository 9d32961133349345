"""Illustrations for the demo content, drawn with Pillow.

Every picture shares one palette and one grammar — a diagonal gradient, the faint orthogonal
street grid of Turin's centre, and a motif that hints at the subject (a skyline with the Mole,
factory roofs, a map with pins…). Drawing is seeded by the image's key, so the same key always
gives the same JPEG bytes and a rerun of the command has nothing new to create.

``draw_logo`` draws the site's mark as a PNG for the press room's media kit.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900
SCALE = 2  # draw at twice the size, then downsample: cheap anti-aliasing

PALETTE = {
    "navy": (20, 33, 61),
    "blue": (29, 78, 137),
    "sky": (58, 134, 200),
    "teal": (27, 153, 139),
    "green": (76, 154, 85),
    "ochre": (233, 180, 76),
    "terracotta": (209, 96, 61),
    "cream": (243, 237, 226),
}


def _rgba(name, alpha=255):
    return (*PALETTE[name], alpha)


def _gradient(size, start, end):
    """A diagonal gradient from the top-left corner (start) to the bottom-right one (end)."""
    ramp = Image.linear_gradient("L").rotate(-45, expand=True, resample=Image.Resampling.BICUBIC)
    side = ramp.size[0]
    margin = side // 4
    small = (size[0] // 8, size[1] // 8)
    mask = ramp.crop((margin, margin, side - margin, side - margin)).resize(small, Image.Resampling.BICUBIC)
    blend = Image.composite(Image.new("RGB", small, PALETTE[end]), Image.new("RGB", small, PALETTE[start]), mask)
    return blend.resize(size, Image.Resampling.BILINEAR)


def _street_grid(draw, rng, width, height, colour):
    """Turin's Roman grid: straight streets at right angles, blocks of slightly varied size."""
    step = 150 * SCALE
    x = rng.randint(0, step)
    while x < width:
        draw.line([(x, 0), (x, height)], fill=colour, width=2 * SCALE)
        x += step + rng.randint(-20, 20) * SCALE
    y = rng.randint(0, step)
    while y < height:
        draw.line([(0, y), (width, y)], fill=colour, width=2 * SCALE)
        y += step + rng.randint(-20, 20) * SCALE


def _pin(draw, x, y, r, colour, centre):
    draw.polygon([(x - r * 0.85, y - r * 0.6), (x + r * 0.85, y - r * 0.6), (x, y + r * 1.6)], fill=colour)
    draw.ellipse([x - r, y - 2 * r, x + r, y], fill=colour)
    draw.ellipse([x - r * 0.4, y - 1.4 * r, x + r * 0.4, y - 0.6 * r], fill=centre)


# Motifs: each draws on a transparent RGBA layer the size of the canvas.


def _skyline(draw, rng, w, h):
    draw.ellipse([w * 0.62, h * 0.12, w * 0.62 + 260 * SCALE, h * 0.12 + 260 * SCALE], fill=_rgba("ochre", 235))
    # the hills beyond the Po
    phase = rng.uniform(0, 3)
    hills = [(0, h)]
    for i in range(41):
        x = w * i / 40
        hills.append((x, h * (0.64 + 0.035 * math.sin(i / 5 + phase) + 0.02 * math.sin(i / 2.3))))
    hills.append((w, h))
    draw.polygon(hills, fill=_rgba("teal", 150))
    base = h * 0.86
    x = 0
    while x < w:
        bw = rng.randint(60, 140) * SCALE
        bh = rng.randint(70, 200) * SCALE
        draw.rectangle([x, base - bh, x + bw - 6 * SCALE, h], fill=_rgba("navy", 230))
        for wy in range(int(base - bh + 20 * SCALE), int(base), 34 * SCALE):
            for wx in range(int(x + 14 * SCALE), int(x + bw - 20 * SCALE), 28 * SCALE):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 10 * SCALE, wy + 14 * SCALE], fill=_rgba("ochre", 200))
        x += bw
    # the Mole Antonelliana, drawn as simple shapes: base with colonnade, curved dome, lantern, spire
    mx, s = w * 0.36, SCALE
    top = base - 260 * s
    draw.rectangle([mx - 110 * s, top, mx + 110 * s, h], fill=_rgba("navy"))
    for cx in range(int(mx - 96 * s), int(mx + 97 * s), 16 * s):
        draw.rectangle([cx, top + 24 * s, cx + 5 * s, top + 110 * s], fill=_rgba("ochre", 120))
    dome = []
    for k in range(21):
        t = k / 20
        dome.append((mx - (20 + 82 * (1 - t) ** 1.7) * s, top - 175 * s * t))
    dome += [(2 * mx - px, py) for px, py in reversed(dome)]
    draw.polygon(dome, fill=_rgba("navy"))
    draw.rectangle([mx - 24 * s, top - 240 * s, mx + 24 * s, top - 170 * s], fill=_rgba("navy"))
    for cx in (mx - 14 * s, mx + 6 * s):
        draw.rectangle([cx, top - 225 * s, cx + 8 * s, top - 190 * s], fill=_rgba("ochre", 200))
    draw.rectangle([mx - 15 * s, top - 290 * s, mx + 15 * s, top - 240 * s], fill=_rgba("navy"))
    draw.polygon([(mx - 11 * s, top - 290 * s), (mx + 11 * s, top - 290 * s), (mx, top - 470 * s)], fill=_rgba("navy"))
    draw.ellipse([mx - 8 * s, top - 484 * s, mx + 8 * s, top - 468 * s], fill=_rgba("ochre"))


def _network(draw, rng, w, h, nodes=26, accent="ochre"):
    points = [(rng.uniform(0.08, 0.92) * w, rng.uniform(0.12, 0.88) * h) for _ in range(nodes)]
    for i, (x1, y1) in enumerate(points):
        near = sorted(points, key=lambda p, x1=x1, y1=y1: (p[0] - x1) ** 2 + (p[1] - y1) ** 2)[1:4]
        for x2, y2 in near:
            draw.line([(x1, y1), (x2, y2)], fill=_rgba("cream", 110), width=3 * SCALE)
        r = rng.choice([10, 14, 20, 28]) * SCALE
        colour = _rgba(accent) if i % 4 == 0 else _rgba("cream", 230)
        draw.ellipse([x1 - r, y1 - r, x1 + r, y1 + r], fill=colour)
        if r > 18 * SCALE:
            draw.ellipse([x1 - 2 * r, y1 - 2 * r, x1 + 2 * r, y1 + 2 * r], outline=_rgba(accent, 120), width=3 * SCALE)


def _ideas(draw, rng, w, h):
    _network(draw, rng, w, h, nodes=14, accent="ochre")
    for _ in range(5):
        x, y = rng.uniform(0.15, 0.85) * w, rng.uniform(0.2, 0.8) * h
        for k in range(3, 0, -1):
            r = k * 40 * SCALE
            draw.ellipse([x - r, y - r, x + r, y + r], fill=_rgba("ochre", 40 + 30 * (3 - k)))


def _sawtooth(draw, rng, w, h):
    base = h * 0.78
    tooth = 150 * SCALE
    x = -tooth // 2
    while x < w:
        draw.polygon([(x, base), (x, base - 150 * SCALE), (x + tooth, base)], fill=_rgba("cream", 235))
        draw.line([(x, base - 150 * SCALE), (x, base)], fill=_rgba("sky", 255), width=10 * SCALE)
        x += tooth
    draw.rectangle([0, base, w, h], fill=_rgba("navy", 240))
    for i in range(9):
        wx = 60 * SCALE + i * 180 * SCALE
        draw.rectangle([wx, base + 40 * SCALE, wx + 110 * SCALE, base + 120 * SCALE], fill=_rgba("ochre", 210))
    # cables running through the old factory
    for k in range(4):
        y0 = h * (0.15 + 0.08 * k)
        pts = [(x, y0 + 30 * SCALE * math.sin(x / (160 * SCALE) + k)) for x in range(0, w + 20, 20 * SCALE)]
        draw.line(pts, fill=_rgba(["ochre", "terracotta", "teal", "cream"][k], 200), width=8 * SCALE)


def _sensors(draw, rng, w, h):
    step = 170 * SCALE
    for gx in range(0, w, step):
        for gy in range(0, h, step):
            if rng.random() < 0.55:
                draw.rounded_rectangle(
                    [gx + 22 * SCALE, gy + 22 * SCALE, gx + step - 22 * SCALE, gy + step - 22 * SCALE],
                    radius=12 * SCALE,
                    fill=_rgba("cream", 40),
                )
    for _ in range(9):
        x, y = rng.randrange(0, w, step), rng.randrange(0, h, step)
        for k in range(1, 4):
            r = k * 34 * SCALE
            draw.ellipse([x - r, y - r, x + r, y + r], outline=_rgba("ochre", 230 - 60 * k), width=4 * SCALE)
        draw.ellipse([x - 12 * SCALE, y - 12 * SCALE, x + 12 * SCALE, y + 12 * SCALE], fill=_rgba("ochre"))


def _map_pins(draw, rng, w, h):
    river = [(x, h * 0.55 + 90 * SCALE * math.sin(x / (260 * SCALE) + 0.5)) for x in range(0, w + 40, 40 * SCALE)]
    draw.line(river, fill=_rgba("sky", 220), width=36 * SCALE)
    for _ in range(4):
        x = rng.uniform(0.1, 0.9) * w
        draw.line([(x, 0), (x + rng.uniform(-200, 200) * SCALE, h)], fill=_rgba("cream", 90), width=12 * SCALE)
    for i in range(7):
        x, y = rng.uniform(0.1, 0.9) * w, rng.uniform(0.25, 0.85) * h
        _pin(draw, x, y, rng.choice([26, 32, 40]) * SCALE, _rgba("terracotta" if i % 3 else "ochre"), _rgba("cream"))


def _hexes(draw, rng, w, h):
    r = 70 * SCALE
    dx, dy = r * math.sqrt(3), r * 1.5
    row = 0
    y = 0.0
    while y < h + r:
        x = (dx / 2) * (row % 2)
        while x < w + r:
            hexagon = [
                (x + r * math.cos(math.radians(60 * k + 30)), y + r * math.sin(math.radians(60 * k + 30)))
                for k in range(6)
            ]
            roll = rng.random()
            if roll < 0.12:
                draw.polygon(hexagon, fill=_rgba("ochre", 230))
            elif roll < 0.24:
                draw.polygon(hexagon, fill=_rgba("terracotta", 200))
            elif roll < 0.6:
                draw.polygon(hexagon, outline=_rgba("cream", 110), width=3 * SCALE)
            x += dx
        y += dy
        row += 1


def _park(draw, rng, w, h):
    for _ in range(16):
        x, y = rng.uniform(0, 1) * w, rng.uniform(0.45, 1.0) * h
        rx, ry = rng.uniform(120, 260) * SCALE, rng.uniform(60, 130) * SCALE
        draw.ellipse([x - rx, y - ry, x + rx, y + ry], fill=_rgba(rng.choice(["green", "teal"]), 170))
    for k in range(3):
        cx, cy = w * (0.25 + 0.25 * k), h * 0.75
        r = (220 + 60 * k) * SCALE
        for a in range(200, 340, 6):
            a1, a2 = math.radians(a), math.radians(a + 3)
            draw.line(
                [(cx + r * math.cos(a1), cy + r * math.sin(a1)), (cx + r * math.cos(a2), cy + r * math.sin(a2))],
                fill=_rgba("cream", 200),
                width=4 * SCALE,
            )
        a = math.radians(rng.uniform(230, 310))
        x, y = cx + r * math.cos(a), cy + r * math.sin(a)
        s = 26 * SCALE
        draw.line([(x - s, y - s), (x + s, y + s)], fill=_rgba("navy"), width=7 * SCALE)
        draw.line([(x - s, y + s), (x + s, y - s)], fill=_rgba("navy"), width=7 * SCALE)
        for ex, ey in [(x - s, y - s), (x + s, y + s), (x - s, y + s), (x + s, y - s)]:
            draw.ellipse([ex - 12 * SCALE, ey - 12 * SCALE, ex + 12 * SCALE, ey + 12 * SCALE], fill=_rgba("ochre"))


def _road(draw, rng, w, h):
    horizon = h * 0.38
    vx = w * 0.5
    draw.polygon(
        [(vx - 30 * SCALE, horizon), (vx + 30 * SCALE, horizon), (w * 0.95, h), (w * 0.05, h)], fill=_rgba("navy", 230)
    )
    for side in (-1, 1):
        draw.line(
            [(vx + side * 30 * SCALE, horizon), (w * 0.5 + side * w * 0.45, h)],
            fill=_rgba("cream", 220),
            width=8 * SCALE,
        )
    for k in range(12):
        t1, t2 = (k / 12) ** 1.8, ((k + 0.5) / 12) ** 1.8
        y1, y2 = horizon + (h - horizon) * t1, horizon + (h - horizon) * t2
        draw.line([(vx, y1), (vx, y2)], fill=_rgba("ochre"), width=int((2 + 14 * t2) * SCALE))
    # trees along the avenue
    for k in range(9):
        t = (k + 1) / 10
        for side in (-1, 1):
            x = vx + side * (40 * SCALE + (w * 0.52) * t)
            y = horizon + (h - horizon) * t
            r = (12 + 70 * t) * SCALE
            draw.ellipse([x - r, y - 2.4 * r, x + r, y - 0.4 * r], fill=_rgba("green", 210))
    for k in range(4):
        r = (60 + 40 * k) * SCALE
        draw.arc(
            [vx - r, h * 0.72 - r, vx + r, h * 0.72 + r], 200, 340, fill=_rgba("sky", 200 - 40 * k), width=5 * SCALE
        )


def _leaves(draw, rng, w, h):
    for k in range(5):
        y0 = h * (0.55 + 0.09 * k)
        pts = [(x, y0 + 26 * SCALE * math.sin(x / (140 * SCALE) + k * 0.8)) for x in range(0, w + 20, 20 * SCALE)]
        draw.line(pts, fill=_rgba("sky" if k % 2 else "cream", 170), width=7 * SCALE)
    for _ in range(14):
        x, y = rng.uniform(0.05, 0.95) * w, rng.uniform(0.08, 0.5) * h
        length = rng.uniform(50, 110) * SCALE
        angle = rng.uniform(0, math.pi)
        cos_a, sin_a = math.cos(angle), math.sin(angle)
        outline = []
        for k in range(36):
            t = 2 * math.pi * k / 36
            px, py = length * math.cos(t), length * 0.45 * math.sin(t)
            outline.append((x + px * cos_a - py * sin_a, y + px * sin_a + py * cos_a))
        draw.polygon(outline, fill=_rgba(rng.choice(["green", "teal", "ochre"]), 220))
        draw.line(
            [(x - length * cos_a, y - length * sin_a), (x + length * cos_a, y + length * sin_a)],
            fill=_rgba("cream", 200),
            width=3 * SCALE,
        )


def _arches(draw, rng, w, h):
    for k in range(7):
        t = k / 7
        aw = w * (0.9 - 0.11 * k)
        ah = h * (0.95 - 0.1 * k)
        x0, y0 = (w - aw) / 2, h - ah
        colour = _rgba("ochre" if k % 2 else "cream", 70 + 20 * k)
        draw.rectangle([x0, y0 + aw / 4, x0 + 24 * SCALE * (1 - t) + 8 * SCALE, h], fill=colour)
        draw.rectangle([x0 + aw - 24 * SCALE * (1 - t) - 8 * SCALE, y0 + aw / 4, x0 + aw, h], fill=colour)
        draw.arc([x0, y0, x0 + aw, y0 + aw / 2], 180, 360, fill=colour, width=int((18 - 2 * k) * SCALE))
    for _ in range(40):
        x, y = rng.uniform(0.2, 0.8) * w, rng.uniform(0.5, 0.95) * h
        r = rng.uniform(3, 7) * SCALE
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_rgba("ochre", 220))


def _podium(draw, rng, w, h):
    bars = [0.42, 0.55, 0.36, 0.7, 0.5, 0.82, 0.6, 0.45, 0.66]
    bw = w / (len(bars) * 1.6)
    for i, value in enumerate(bars):
        x = bw * 0.8 + i * bw * 1.6
        top = h * (1 - value * 0.85)
        colour = _rgba("ochre") if i == 5 else _rgba("cream", 150)
        draw.rounded_rectangle([x, top, x + bw, h + 20 * SCALE], radius=10 * SCALE, fill=colour)
    line = [(bw * 1.3 + i * bw * 1.6, h * (1 - v * 0.85) - 60 * SCALE) for i, v in enumerate(bars)]
    draw.line(line, fill=_rgba("terracotta"), width=6 * SCALE)
    for x, y in line:
        draw.ellipse([x - 12 * SCALE, y - 12 * SCALE, x + 12 * SCALE, y + 12 * SCALE], fill=_rgba("terracotta"))


def _europe(draw, rng, w, h):
    _network(draw, rng, w, h, nodes=18, accent="ochre")
    cx, cy, r = w * 0.5, h * 0.5, 300 * SCALE
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=_rgba("ochre", 200), width=5 * SCALE)


def _stripes(draw, rng, w, h):
    for k in range(-6, 14):
        x = k * 150 * SCALE
        colour = _rgba(rng.choice(["cream", "ochre", "sky", "teal"]), rng.randint(40, 120))
        draw.polygon([(x, h), (x + 90 * SCALE, h), (x + 90 * SCALE + h * 0.6, 0), (x + h * 0.6, 0)], fill=colour)


MOTIFS = {
    "skyline": _skyline,
    "network": _network,
    "ideas": _ideas,
    "sawtooth": _sawtooth,
    "sensors": _sensors,
    "map": _map_pins,
    "hexes": _hexes,
    "park": _park,
    "road": _road,
    "leaves": _leaves,
    "arches": _arches,
    "podium": _podium,
    "europe": _europe,
    "stripes": _stripes,
}


def render(key, motif, colours):
    """Draw one illustration and return it as JPEG bytes.

    ``key`` seeds the randomness, ``motif`` is a key of MOTIFS, ``colours`` a pair of palette names
    for the background gradient.
    """
    rng = random.Random(f"torino-innovation:{key}")  # noqa: S311 - seeded on purpose, not for security
    size = (WIDTH * SCALE, HEIGHT * SCALE)
    canvas = _gradient(size, *colours).convert("RGBA")
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    _street_grid(draw, rng, *size, colour=_rgba("cream", 28))
    canvas.alpha_composite(layer)

    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    MOTIFS[motif](ImageDraw.Draw(layer), rng, *size)
    # a soft shadow under the motif gives it depth
    # (blurred at a quarter of the size: the result is the same soft shadow, much faster)
    small = (size[0] // 4, size[1] // 4)
    alpha = layer.getchannel("A").resize(small, Image.Resampling.BILINEAR).point(lambda a: a // 3)
    alpha = alpha.filter(ImageFilter.GaussianBlur(10 * SCALE / 4)).resize(size, Image.Resampling.BILINEAR)
    shadow = Image.new("RGBA", size, (0, 0, 0, 0))
    shadow.putalpha(alpha)
    canvas.alpha_composite(shadow, (6 * SCALE, 8 * SCALE))
    canvas.alpha_composite(layer)

    picture = canvas.convert("RGB").reduce(SCALE)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=84, optimize=True, progressive=True)
    return out.getvalue()


def draw_logo(colour, background, size=1000):
    """The site's mark (as in layout.html's SVG: a rounded square, the Mole's spire, two steps) as PNG."""
    scale = size / 40
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0) if background is None else (*background, 255))
    draw = ImageDraw.Draw(image)
    if background is None:
        draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=8 * scale, fill=(*colour, 255))
    shapes = (255, 255, 255, 255)

    def box(x, y, w, h):
        return [x * scale, y * scale, (x + w) * scale, (y + h) * scale]

    draw.polygon([(20 * scale, 5 * scale), (24 * scale, 23 * scale), (16 * scale, 23 * scale)], fill=shapes)
    draw.rectangle(box(13, 23, 14, 5), fill=shapes)
    draw.rounded_rectangle(box(10, 29, 20, 6), radius=scale, fill=shapes)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
