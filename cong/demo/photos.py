"""Demo photographs drawn with Pillow, since nothing may be downloaded at run time.

Each scene is a simple flat illustration (a podium, a conference hall, a meeting table...)
so the demo pages show images of realistic size and proportion, with captions and alt text.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1000
SKIN = [(241, 194, 160), (224, 172, 135), (198, 148, 110)]
SHIRTS = [(250, 250, 250), (30, 55, 110), (70, 70, 80), (180, 40, 40), (235, 235, 220)]


def _gradient(draw, top, bottom, box):
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(x0, y), (x1, y)], fill=colour)


def _person(draw, rng, x, y, scale):
    """A seated or standing figure: head and shoulders, seen from the front or behind."""
    head = 26 * scale
    draw.ellipse([x - head, y - 2 * head, x + head, y], fill=rng.choice(SKIN))
    draw.ellipse([x - head, y - 2.1 * head, x + head, y - 1.2 * head], fill=(30, 25, 25))
    draw.rounded_rectangle(
        [x - 2.2 * head, y + 0.1 * head, x + 2.2 * head, y + 4 * head],
        radius=int(head),
        fill=rng.choice(SHIRTS),
    )


def _portrait(draw, rng):
    """A placeholder portrait: one figure, head and shoulders, on a studio background."""
    _gradient(draw, (214, 222, 235), (160, 175, 200), (0, 0, WIDTH, HEIGHT))
    _person(draw, rng, WIDTH // 2, HEIGHT // 2 - 40, 7.5)


def _map(draw, rng):
    """A placeholder administrative map: a commune's boundary, its villages, a river, a road."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(236, 240, 228))
    cx, cy = WIDTH // 2, HEIGHT // 2
    points = []
    for step in range(14):
        angle = step / 14 * 6.283
        radius = rng.uniform(330, 440)
        points.append((cx + radius * 1.4 * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(250, 246, 214), outline=(163, 22, 28), width=8)
    draw.line(
        [(0, cy + 260), (WIDTH * 0.4, cy + 80), (WIDTH, cy - 300)], fill=(120, 170, 220), width=28
    )
    draw.line([(cx - 520, 0), (cx - 100, cy), (cx + 200, HEIGHT)], fill=(200, 120, 60), width=12)
    for _ in range(7):
        x, y = cx + rng.uniform(-380, 380), cy + rng.uniform(-250, 250)
        draw.ellipse([x - 18, y - 18, x + 18, y + 18], fill=(30, 55, 110))


def _banner(draw, rng):
    draw.rectangle([0, 0, WIDTH, HEIGHT * 0.45], fill=(170, 25, 30))
    draw.rectangle([WIDTH * 0.15, HEIGHT * 0.12, WIDTH * 0.85, HEIGHT * 0.16], fill=(250, 215, 90))
    for i in range(3):
        y = HEIGHT * (0.22 + i * 0.05)
        draw.rectangle([WIDTH * 0.2, y, WIDTH * (0.8 - 0.05 * i), y + 14], fill=(255, 240, 200))


def _podium(draw, rng):
    _gradient(draw, (120, 30, 35), (90, 20, 25), (0, 0, WIDTH, HEIGHT))
    _banner(draw, rng)
    _person(draw, rng, WIDTH * 0.5, HEIGHT * 0.48, 3.2)
    draw.polygon(
        [
            (WIDTH * 0.36, HEIGHT * 0.62),
            (WIDTH * 0.64, HEIGHT * 0.62),
            (WIDTH * 0.6, HEIGHT),
            (WIDTH * 0.4, HEIGHT),
        ],
        fill=(120, 70, 40),
    )
    draw.ellipse([WIDTH * 0.46, HEIGHT * 0.72, WIDTH * 0.54, HEIGHT * 0.8], fill=(250, 215, 90))
    draw.line(
        [(WIDTH * 0.5, HEIGHT * 0.62), (WIDTH * 0.5, HEIGHT * 0.5)], fill=(20, 20, 20), width=8
    )


def _hall(draw, rng):
    _gradient(draw, (200, 190, 170), (150, 130, 110), (0, 0, WIDTH, HEIGHT))
    draw.rectangle([WIDTH * 0.1, HEIGHT * 0.05, WIDTH * 0.9, HEIGHT * 0.35], fill=(170, 25, 30))
    draw.rectangle([WIDTH * 0.2, HEIGHT * 0.12, WIDTH * 0.8, HEIGHT * 0.16], fill=(250, 215, 90))
    for row in range(6):
        scale = 0.8 + row * 0.35
        y = HEIGHT * (0.45 + row * 0.1)
        count = 12 - row
        for i in range(count):
            x = WIDTH * (i + 0.5 + rng.uniform(-0.15, 0.15)) / count
            _person(draw, rng, x, y, scale)


def _meeting(draw, rng):
    _gradient(draw, (235, 230, 220), (200, 195, 185), (0, 0, WIDTH, HEIGHT))
    draw.rectangle([WIDTH * 0.3, HEIGHT * 0.08, WIDTH * 0.7, HEIGHT * 0.3], fill=(40, 60, 110))
    for side in (0.25, 0.75):
        for i in range(4):
            _person(
                draw,
                rng,
                WIDTH * side + (i - 1.5) * 120 * (1 if side < 0.5 else -1) * 0.6,
                HEIGHT * (0.45 + i * 0.1),
                1.4 + i * 0.2,
            )
    draw.polygon(
        [
            (WIDTH * 0.42, HEIGHT * 0.4),
            (WIDTH * 0.58, HEIGHT * 0.4),
            (WIDTH * 0.75, HEIGHT),
            (WIDTH * 0.25, HEIGHT),
        ],
        fill=(110, 70, 45),
    )


def _classroom(draw, rng):
    _gradient(draw, (225, 235, 240), (190, 205, 215), (0, 0, WIDTH, HEIGHT))
    draw.rectangle(
        [WIDTH * 0.25, HEIGHT * 0.06, WIDTH * 0.75, HEIGHT * 0.36],
        fill=(250, 250, 250),
        outline=(60, 60, 60),
        width=6,
    )
    for i in range(4):
        draw.rectangle(
            [
                WIDTH * 0.3,
                HEIGHT * (0.12 + i * 0.055),
                WIDTH * (0.7 - 0.06 * i),
                HEIGHT * (0.12 + i * 0.055) + 16,
            ],
            fill=(40, 90, 160),
        )
    for row in range(3):
        y = HEIGHT * (0.55 + row * 0.16)
        for i in range(5):
            x = WIDTH * (i + 0.5) / 5
            _person(draw, rng, x, y, 1.3 + row * 0.3)
            draw.rectangle(
                [x - 110, y + 60 + row * 10, x + 110, y + 90 + row * 10], fill=(150, 110, 70)
            )


def _signing(draw, rng):
    _gradient(draw, (245, 240, 230), (215, 205, 190), (0, 0, WIDTH, HEIGHT))
    _banner(draw, rng)
    for x in (0.35, 0.65):
        _person(draw, rng, WIDTH * x, HEIGHT * 0.55, 2.4)
    draw.rectangle([WIDTH * 0.15, HEIGHT * 0.72, WIDTH * 0.85, HEIGHT], fill=(60, 90, 60))
    draw.rectangle([WIDTH * 0.3, HEIGHT * 0.74, WIDTH * 0.42, HEIGHT * 0.8], fill=(250, 250, 250))
    draw.rectangle([WIDTH * 0.58, HEIGHT * 0.74, WIDTH * 0.7, HEIGHT * 0.8], fill=(250, 250, 250))


def _computer(draw, rng):
    _gradient(draw, (220, 230, 240), (170, 185, 200), (0, 0, WIDTH, HEIGHT))
    draw.rectangle([0, HEIGHT * 0.7, WIDTH, HEIGHT], fill=(140, 100, 70))
    for x in (0.28, 0.72):
        draw.rectangle(
            [WIDTH * (x - 0.17), HEIGHT * 0.25, WIDTH * (x + 0.17), HEIGHT * 0.6], fill=(25, 25, 30)
        )
        _gradient(
            draw,
            (40, 110, 200),
            (20, 60, 130),
            (
                int(WIDTH * (x - 0.16)),
                int(HEIGHT * 0.27),
                int(WIDTH * (x + 0.16)),
                int(HEIGHT * 0.58),
            ),
        )
        for i in range(4):
            y = HEIGHT * (0.32 + i * 0.06)
            draw.rectangle(
                [WIDTH * (x - 0.13), y, WIDTH * (x + 0.1 - 0.03 * i), y + 12], fill=(230, 240, 255)
            )
        draw.rectangle(
            [WIDTH * (x - 0.02), HEIGHT * 0.6, WIDTH * (x + 0.02), HEIGHT * 0.7], fill=(60, 60, 60)
        )


def _outdoor(draw, rng):
    _gradient(draw, (120, 180, 235), (200, 225, 245), (0, 0, WIDTH, int(HEIGHT * 0.6)))
    _gradient(draw, (90, 150, 70), (50, 100, 40), (0, int(HEIGHT * 0.6), WIDTH, HEIGHT))
    for _ in range(9):
        x = rng.uniform(0, WIDTH)
        draw.rectangle([x - 12, HEIGHT * 0.45, x + 12, HEIGHT * 0.62], fill=(90, 60, 40))
        draw.ellipse(
            [x - 80, HEIGHT * 0.28, x + 80, HEIGHT * 0.5], fill=(40, 110 + rng.randint(0, 40), 50)
        )
    for i in range(7):
        _person(draw, rng, WIDTH * (0.2 + i * 0.1), HEIGHT * 0.72, 1.6)


def _landscape(draw, rng):
    _gradient(draw, (250, 200, 150), (150, 190, 230), (0, 0, WIDTH, int(HEIGHT * 0.6)))
    for i, colour in enumerate([(90, 110, 140), (60, 90, 80), (40, 80, 50)]):
        base = HEIGHT * (0.45 + i * 0.1)
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, base - rng.uniform(0, 180)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)
    draw.polygon(
        [
            (WIDTH * 0.45, HEIGHT),
            (WIDTH * 0.55, HEIGHT * 0.7),
            (WIDTH * 0.6, HEIGHT * 0.7),
            (WIDTH * 0.75, HEIGHT),
        ],
        fill=(90, 150, 200),
    )


SCENES = {
    "podium": _podium,
    "hall": _hall,
    "meeting": _meeting,
    "classroom": _classroom,
    "signing": _signing,
    "computer": _computer,
    "outdoor": _outdoor,
    "landscape": _landscape,
    "portrait": _portrait,
    "map": _map,
}


def demo_photo(scene: str, seed: str) -> bytes:
    """Return a JPEG of `scene`; the same seed always draws the same picture."""
    rng = random.Random(seed)  # noqa: S311 (a drawing, not a secret)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    SCENES.get(scene, _landscape)(draw, rng)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()
