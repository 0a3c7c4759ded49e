"""Demo pictures rendered with Pillow, since nothing may be downloaded at run time.

No photograph that fits an agency's news (a conference, a meeting, a training, a signing) is
shipped under a public-domain or CC0 licence by any package available offline (the wallpaper
packages of Debian are GPL or CC BY-SA landscapes; scikit-image's samples are an astronaut, a
cat, coffee), so the demo renders its own: scenes built in layers with perspective, lighting,
depth of field and film grain, so that at the size a page shows them they read as photographs
of a hall, a podium, a meeting. They are illustrations all the same: every one is Cổng's own
work (no third-party image, nothing to license), and the demo credits each as "Ảnh minh họa"
(ILLUSTRATION_CREDIT), never as a photographer's.

`demo_photo(scene, seed)` returns a JPEG; the same seed always renders the same picture.
"""

import io
import math
import random
from collections.abc import Callable

from django.utils.translation import gettext_lazy
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from cong.demo.kept import kept

ILLUSTRATION_CREDIT = gettext_lazy("Ảnh minh họa")
WIDTH, HEIGHT = 1600, 1000  # drawn at this size; saved at OUTPUT
OUTPUT = (1200, 750)
RENDERER_VERSION = 1  # raise when a scene's drawing changes: the kept pictures are redrawn
Colour = tuple[int, int, int]

SKIN: list[Colour] = [(226, 180, 146), (214, 164, 126), (196, 146, 110), (232, 190, 160)]
HAIR: list[Colour] = [(24, 20, 20), (34, 28, 26), (48, 40, 36), (70, 70, 72)]
SUITS: list[Colour] = [(34, 38, 52), (44, 46, 56), (28, 30, 36), (60, 62, 70), (52, 40, 36)]
SHIRTS: list[Colour] = [(236, 238, 242), (214, 226, 240), (240, 236, 226)]
RED: Colour = (168, 22, 30)
GOLD: Colour = (246, 206, 92)


# Light, depth and grain ---------------------------------------------------------------------


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _shade(colour: Colour, factor: float) -> Colour:
    return tuple(max(0, min(255, int(c * factor))) for c in colour)  # type: ignore[return-value]


def _gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    """A vertical gradient, top colour to bottom colour."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _glow(
    image: Image.Image, box: tuple[float, float, float, float], colour: Colour, strength: float
) -> None:
    """Add a soft elliptical light (a spotlight, a lamp, a screen's glow) to `image`."""
    x0, y0, x1, y1 = (int(v) for v in box)
    width, height = max(1, x1 - x0), max(1, y1 - y0)
    # radial_gradient is the distance from the centre (128 at the edges' middle): a light
    # that fades to nothing inside its box, with no visible rim.
    falloff = [int(strength * 255 * max(0.0, 1 - v / 128) ** 2) for v in range(256)]
    mask = Image.radial_gradient("L").point(falloff).resize((width, height))
    light = Image.new("RGB", (width, height), colour)
    region = image.crop((x0, y0, x1, y1))
    lit = ImageChops.screen(region, light)
    image.paste(Image.composite(lit, region, mask), (x0, y0))


def _vignette(image: Image.Image, strength: float = 0.45) -> Image.Image:
    mask = Image.radial_gradient("L").resize(image.size).point(lambda v: int(min(255, v * 1.1)))
    dark = Image.new("RGB", image.size, (10, 8, 8))
    return Image.composite(dark, image, mask.point(lambda v: int(v * strength)))


def _finish(image: Image.Image, rng: random.Random) -> Image.Image:
    """The camera: a little softness, a vignette, and sensor grain."""
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    image = _vignette(image)
    # Grain from the scene's own random numbers, so that a seed renders one picture only.
    grain = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    noise = grain.point(lambda v: 128 + (v - 128) // 4).convert("RGB")
    grained = ImageChops.soft_light(image, noise)
    return Image.blend(image, grained, 0.35)


def _blurred(layer: Image.Image, radius: float) -> Image.Image:
    return layer.filter(ImageFilter.GaussianBlur(radius)) if radius else layer


def _layer(size: tuple[int, int] = (WIDTH, HEIGHT)) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def _over(image: Image.Image, layer: Image.Image, blur: float = 0) -> None:
    """Lay `layer` (RGBA) over `image`, out of focus by `blur` pixels (only the part of the
    layer that holds something is blurred: most layers are a small part of the picture)."""
    box = layer.getbbox()
    if box is None:
        return
    margin = int(blur * 3) + 1
    x0, y0 = max(0, box[0] - margin), max(0, box[1] - margin)
    x1, y1 = min(layer.width, box[2] + margin), min(layer.height, box[3] + margin)
    part = _blurred(layer.crop((x0, y0, x1, y1)), blur)
    image.paste(part, (x0, y0), part)


# People ------------------------------------------------------------------------------------


def _person_back(
    draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, s: float
) -> None:
    """Someone seated, seen from behind: head, ears, collar, shoulders. `y` is the nape."""
    suit = rng.choice(SUITS + [(210, 214, 220), (70, 96, 140)])
    hair = rng.choice(HAIR)
    skin = rng.choice(SKIN)
    w = 46 * s
    draw.rounded_rectangle(
        [x - w, y + 6 * s, x + w, y + 90 * s], radius=int(24 * s), fill=_shade(suit, 0.85)
    )
    draw.rounded_rectangle(
        [x - w * 0.82, y + 4 * s, x + w * 0.82, y + 80 * s], radius=int(22 * s), fill=suit
    )
    draw.ellipse([x - 10 * s, y - 8 * s, x + 10 * s, y + 12 * s], fill=_shade(skin, 0.8))
    draw.ellipse([x - 21 * s, y - 30 * s, x - 15 * s, y - 16 * s], fill=_shade(skin, 0.85))
    draw.ellipse([x + 15 * s, y - 30 * s, x + 21 * s, y - 16 * s], fill=_shade(skin, 0.85))
    draw.ellipse([x - 18 * s, y - 50 * s, x + 18 * s, y - 2 * s], fill=hair)
    draw.ellipse([x - 10 * s, y - 48 * s, x + 6 * s, y - 36 * s], fill=_shade(hair, 1.9))


def _person_front(
    draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, s: float, tie: bool = True
) -> None:
    """Someone facing the camera, head and shoulders: `y` is the chin."""
    suit = rng.choice(SUITS)
    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR)
    w = 50 * s
    draw.rounded_rectangle([x - w, y + 8 * s, x + w, y + 110 * s], radius=int(26 * s), fill=suit)
    draw.polygon(
        [(x - 16 * s, y + 8 * s), (x + 16 * s, y + 8 * s), (x, y + 48 * s)],
        fill=rng.choice(SHIRTS),
    )
    if tie:
        draw.polygon(
            [
                (x - 4 * s, y + 14 * s),
                (x + 4 * s, y + 14 * s),
                (x + 6 * s, y + 44 * s),
                (x, y + 50 * s),
                (x - 6 * s, y + 44 * s),
            ],
            fill=rng.choice([(150, 30, 40), (40, 60, 110), (90, 30, 40)]),
        )
    draw.rectangle([x - 8 * s, y - 4 * s, x + 8 * s, y + 10 * s], fill=_shade(skin, 0.85))
    draw.ellipse([x - 17 * s, y - 44 * s, x + 17 * s, y + 2 * s], fill=skin)
    draw.chord([x - 18 * s, y - 48 * s, x + 18 * s, y - 14 * s], 180, 360, fill=hair)
    for ex in (-7, 7):
        draw.ellipse(
            [x + (ex - 2) * s, y - 24 * s, x + (ex + 2) * s, y - 21 * s], fill=(40, 30, 28)
        )


def _flowers(
    draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[float, float, float, float]
) -> None:
    """The bank of flowers in front of a podium or a stage."""
    x0, y0, x1, y1 = box
    for _ in range(int((x1 - x0) * (y1 - y0) / 180)):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = rng.uniform(5, 12)
        colour = rng.choice(
            [
                (60, 120, 50),
                (50, 100, 40),
                (235, 200, 60),
                (230, 90, 60),
                (250, 240, 230),
                (200, 40, 60),
            ]
        )
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def _backdrop(
    image: Image.Image, rng: random.Random, box: tuple[float, float, float, float], blur: float
) -> None:
    """The red stage backdrop: the emblem, the event's title in gold lines, lit from above."""
    x0, y0, x1, y1 = (int(v) for v in box)
    layer, draw = _layer(image.size)
    draw.rectangle([x0, y0, x1, y1], fill=RED)
    cx, w = (x0 + x1) / 2, x1 - x0
    r = (y1 - y0) * 0.1
    draw.ellipse([cx - r, y0 + r * 0.6, cx + r, y0 + r * 2.6], fill=GOLD)
    draw.ellipse([cx - r * 0.8, y0 + r * 0.8, cx + r * 0.8, y0 + r * 2.4], fill=(200, 30, 36))
    for i, share in enumerate([0.5, 0.78, 0.66, 0.36]):
        y = y0 + (y1 - y0) * (0.36 + i * 0.11)
        h = (y1 - y0) * (0.05 if i == 1 else 0.034)
        draw.rectangle(
            [cx - w * share / 2, y, cx + w * share / 2, y + h],
            fill=GOLD if i != 3 else (250, 240, 220),
        )
    _over(image, layer, blur)
    _glow(image, (x0 + w * 0.1, y0 - (y1 - y0) * 0.3, x1 - w * 0.1, y1), (255, 200, 160), 0.55)


# Scenes ------------------------------------------------------------------------------------


def _hall(rng: random.Random) -> Image.Image:
    """A conference hall from its back rows: the audience, the stage, the presidium."""
    image = _gradient((WIDTH, HEIGHT), (62, 52, 50), (120, 70, 60))
    draw = ImageDraw.Draw(image)
    for i in range(9):  # ceiling lights
        x = WIDTH * (i + 0.5) / 9
        _glow(image, (x - 90, -40, x + 90, 90), (255, 240, 210), 0.9)
    _backdrop(image, rng, (WIDTH * 0.12, HEIGHT * 0.1, WIDTH * 0.88, HEIGHT * 0.5), 2.5)
    stage, sdraw = _layer()
    sdraw.rectangle([WIDTH * 0.06, HEIGHT * 0.44, WIDTH * 0.94, HEIGHT * 0.52], fill=(120, 78, 50))
    sdraw.rectangle([WIDTH * 0.26, HEIGHT * 0.4, WIDTH * 0.74, HEIGHT * 0.46], fill=(245, 245, 240))
    for i in range(7):
        _person_front(sdraw, rng, WIDTH * (0.3 + i * 0.066), HEIGHT * 0.375, 0.42)
    sdraw.rectangle(
        [WIDTH * 0.26, HEIGHT * 0.42, WIDTH * 0.74, HEIGHT * 0.47], fill=(240, 240, 236)
    )
    _flowers(sdraw, rng, (WIDTH * 0.26, HEIGHT * 0.455, WIDTH * 0.74, HEIGHT * 0.49))
    _over(image, stage, 1.6)
    draw.rectangle([0, HEIGHT * 0.52, WIDTH, HEIGHT], fill=(96, 40, 38))
    for row in range(8):  # the audience, far rows small and soft, near rows large and sharp
        depth = row / 7
        s = 0.55 + depth * 1.5
        y = HEIGHT * (0.58 + depth * 0.42) - 20 * s
        layer, ldraw = _layer()
        seats = int(16 - depth * 9)
        for i in range(seats):
            x = WIDTH * (i + 0.5 + rng.uniform(-0.2, 0.2)) / seats
            if rng.random() < 0.1:
                continue  # an empty seat
            ldraw.rounded_rectangle(
                [x - 50 * s, y + 10 * s, x + 50 * s, y + 120 * s],
                radius=int(10 * s),
                fill=(120, 24, 30),
            )
            _person_back(ldraw, rng, x, y, s)
        _over(image, layer, max(0.0, 2.2 - depth * 2.4))
    return image


def _podium(rng: random.Random) -> Image.Image:
    """A speaker at the lectern seen from the hall: the backdrop soft behind, flowers at the
    lectern's foot, the front row's heads out of focus below."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (90, 20, 26))
    _backdrop(image, rng, (-WIDTH * 0.1, -HEIGHT * 0.15, WIDTH * 1.1, HEIGHT * 0.85), 7)
    stage, sdraw = _layer()
    sdraw.rectangle([0, HEIGHT * 0.78, WIDTH, HEIGHT], fill=(110, 66, 40))
    _person_front(sdraw, rng, WIDTH * 0.58, HEIGHT * 0.36, 1.9)
    top, bottom = HEIGHT * 0.5, HEIGHT * 0.8
    sdraw.polygon(
        [(WIDTH * 0.49, top), (WIDTH * 0.67, top), (WIDTH * 0.65, bottom), (WIDTH * 0.51, bottom)],
        fill=(122, 70, 40),
    )
    sdraw.rectangle([WIDTH * 0.485, top - 8, WIDTH * 0.675, top + 8], fill=(150, 92, 56))
    sdraw.ellipse([WIDTH * 0.55, HEIGHT * 0.56, WIDTH * 0.61, HEIGHT * 0.65], fill=GOLD)
    sdraw.ellipse([WIDTH * 0.557, HEIGHT * 0.57, WIDTH * 0.603, HEIGHT * 0.64], fill=(200, 30, 36))
    sdraw.line([(WIDTH * 0.56, top), (WIDTH * 0.575, HEIGHT * 0.41)], fill=(20, 20, 20), width=5)
    _flowers(sdraw, rng, (WIDTH * 0.46, HEIGHT * 0.76, WIDTH * 0.7, HEIGHT * 0.83))
    _over(image, stage, 1.0)
    _glow(image, (WIDTH * 0.38, HEIGHT * 0.0, WIDTH * 0.78, HEIGHT * 0.6), (255, 226, 200), 0.3)
    front, fdraw = _layer()
    for i in range(6):
        _person_back(
            fdraw, rng, WIDTH * (0.06 + i * 0.19) + rng.uniform(-30, 30), HEIGHT * 1.0, 3.4
        )
    _over(image, front, 9)
    return image


def _table_scene(rng: random.Random, screen: bool) -> Image.Image:
    """A meeting room: a long table in perspective, people on both sides, a screen at its end."""
    image = _gradient((WIDTH, HEIGHT), (206, 200, 190), (150, 130, 112))
    for i in range(5):
        x = WIDTH * (0.1 + i * 0.2)
        _glow(image, (x - 120, -60, x + 120, 80), (255, 250, 235), 0.9)
    back, bdraw = _layer()
    if screen:
        bdraw.rectangle(
            [WIDTH * 0.34, HEIGHT * 0.08, WIDTH * 0.66, HEIGHT * 0.34], fill=(24, 52, 110)
        )
        bdraw.rectangle(
            [WIDTH * 0.37, HEIGHT * 0.12, WIDTH * 0.63, HEIGHT * 0.15], fill=(235, 240, 250)
        )
        for i in range(4):
            y = HEIGHT * (0.19 + i * 0.035)
            bdraw.rectangle(
                [WIDTH * 0.38, y, WIDTH * (0.6 - 0.04 * i), y + 10], fill=(170, 190, 225)
            )
    else:
        bdraw.rectangle([WIDTH * 0.3, HEIGHT * 0.06, WIDTH * 0.7, HEIGHT * 0.32], fill=RED)
        bdraw.rectangle([WIDTH * 0.36, HEIGHT * 0.16, WIDTH * 0.64, HEIGHT * 0.2], fill=GOLD)
    _over(image, back, 3)
    if screen:
        _glow(
            image, (WIDTH * 0.28, HEIGHT * 0.02, WIDTH * 0.72, HEIGHT * 0.42), (120, 160, 255), 0.3
        )
    draw = ImageDraw.Draw(image)
    far, near = HEIGHT * 0.4, HEIGHT * 1.05
    draw.polygon(
        [(WIDTH * 0.44, far), (WIDTH * 0.56, far), (WIDTH * 0.86, near), (WIDTH * 0.14, near)],
        fill=(104, 60, 34),
    )
    draw.polygon(
        [(WIDTH * 0.47, far), (WIDTH * 0.53, far), (WIDTH * 0.62, near), (WIDTH * 0.38, near)],
        fill=(128, 78, 46),
    )
    for step in range(5, -1, -1):  # seats along each side, far to near
        t = step / 5
        y = far + (near - far) * (1 - t) * 0.86 + 10
        s = 0.45 + (1 - t) * 1.35
        for side in (-1, 1):
            x = WIDTH * 0.5 + side * (WIDTH * 0.08 + (1 - t) * WIDTH * 0.36)
            layer, ldraw = _layer()
            _person_back(ldraw, rng, x + side * 30 * s, y - 50 * s, s)
            ldraw.rectangle(
                [x - side * 40 * s - 22 * s, y - 4 * s, x - side * 40 * s + 22 * s, y + 6 * s],
                fill=(246, 246, 242),
            )
            ldraw.rectangle(
                [x - side * 70 * s - 5 * s, y - 30 * s, x - side * 70 * s + 5 * s, y],
                fill=(150, 200, 230),
            )
            _over(image, layer, 1.4 * t)
    return image


def _meeting(rng: random.Random) -> Image.Image:
    return _table_scene(rng, screen=False)


def _classroom(rng: random.Random) -> Image.Image:
    """A training: the slide on the screen, the trainer beside it, the class from behind."""
    image = _gradient((WIDTH, HEIGHT), (222, 228, 232), (170, 172, 170))
    front, fdraw = _layer()
    fdraw.rectangle([WIDTH * 0.2, HEIGHT * 0.06, WIDTH * 0.72, HEIGHT * 0.44], fill=(250, 250, 252))
    fdraw.rectangle([WIDTH * 0.22, HEIGHT * 0.09, WIDTH * 0.7, HEIGHT * 0.17], fill=(168, 30, 36))
    for i in range(5):
        y = HEIGHT * (0.21 + i * 0.045)
        fdraw.rectangle(
            [WIDTH * 0.25, y, WIDTH * (0.66 - 0.05 * (i % 3)), y + 12], fill=(60, 80, 120)
        )
    _person_front(fdraw, rng, WIDTH * 0.82, HEIGHT * 0.3, 1.25)
    fdraw.rectangle([WIDTH * 0.76, HEIGHT * 0.44, WIDTH * 0.88, HEIGHT * 0.62], fill=(44, 46, 56))
    _over(image, front, 2.2)
    _glow(image, (WIDTH * 0.1, -HEIGHT * 0.1, WIDTH * 0.8, HEIGHT * 0.5), (255, 255, 245), 0.35)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, HEIGHT * 0.5, WIDTH, HEIGHT], fill=(150, 140, 128))
    for row in range(4):
        depth = row / 3
        s = 0.8 + depth * 1.2
        y = HEIGHT * (0.56 + depth * 0.34)
        layer, ldraw = _layer()
        count = 6 - row
        for i in range(count):
            x = WIDTH * (i + 0.5) / count + rng.uniform(-30, 30)
            _person_back(ldraw, rng, x, y, s)
            ldraw.rectangle([x - 80 * s, y + 30 * s, x + 80 * s, y + 44 * s], fill=(196, 170, 130))
            ldraw.polygon(
                [
                    (x + 20 * s, y + 30 * s),
                    (x + 60 * s, y + 30 * s),
                    (x + 64 * s, y + 4 * s),
                    (x + 24 * s, y + 4 * s),
                ],
                fill=(60, 62, 70),
            )
        _over(image, layer, 1.6 * (1 - depth))
    return image


def _signing(rng: random.Random) -> Image.Image:
    """Two officials signing at a table, the delegations standing behind."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (120, 24, 30))
    _backdrop(image, rng, (0, 0, WIDTH, HEIGHT * 0.7), 8)
    behind, bdraw = _layer()
    for i in range(9):
        _person_front(bdraw, rng, WIDTH * (0.1 + i * 0.1), HEIGHT * 0.42, 1.05)
    _over(image, behind, 3.5)
    table, tdraw = _layer()
    for x in (0.34, 0.66):
        _person_front(tdraw, rng, WIDTH * x, HEIGHT * 0.58, 1.6)
    tdraw.rectangle([0, HEIGHT * 0.72, WIDTH, HEIGHT], fill=(240, 238, 232))
    tdraw.rectangle([0, HEIGHT * 0.72, WIDTH, HEIGHT * 0.74], fill=(200, 196, 188))
    for x in (0.34, 0.66):
        tdraw.polygon(
            [
                (WIDTH * (x - 0.09), HEIGHT * 0.76),
                (WIDTH * (x + 0.09), HEIGHT * 0.76),
                (WIDTH * (x + 0.1), HEIGHT * 0.9),
                (WIDTH * (x - 0.1), HEIGHT * 0.9),
            ],
            fill=(30, 60, 40),
        )
        tdraw.rectangle(
            [WIDTH * (x - 0.06), HEIGHT * 0.78, WIDTH * (x + 0.06), HEIGHT * 0.87],
            fill=(252, 252, 250),
        )
    tdraw.line(
        [(WIDTH * 0.5, HEIGHT * 0.62), (WIDTH * 0.5, HEIGHT * 0.76)], fill=(90, 90, 90), width=5
    )
    tdraw.rectangle([WIDTH * 0.5, HEIGHT * 0.62, WIDTH * 0.54, HEIGHT * 0.65], fill=RED)
    _over(image, table, 1)
    return image


def _computer(rng: random.Random) -> Image.Image:
    """An operations room: a wall of screens, analysts at their desks, blue light."""
    image = _gradient((WIDTH, HEIGHT), (14, 22, 38), (30, 34, 44))
    wall, wdraw = _layer()
    for row in range(2):
        for col in range(5):
            x0 = WIDTH * (0.06 + col * 0.178)
            y0 = HEIGHT * (0.05 + row * 0.2)
            x1, y1 = x0 + WIDTH * 0.17, y0 + HEIGHT * 0.19
            wdraw.rectangle([x0, y0, x1, y1], fill=(10, 12, 18))
            wdraw.rectangle([x0 + 6, y0 + 6, x1 - 6, y1 - 6], fill=(18, 50, 96))
            points = [
                (x0 + 12 + k * (x1 - x0 - 24) / 11, y1 - 20 - rng.uniform(0, (y1 - y0) * 0.6))
                for k in range(12)
            ]
            wdraw.line(
                points, fill=rng.choice([(90, 220, 160), (250, 190, 70), (110, 180, 255)]), width=4
            )
            if rng.random() < 0.3:
                wdraw.rectangle([x0 + 14, y0 + 14, x0 + 80, y0 + 30], fill=(220, 60, 60))
    _over(image, wall, 1.8)
    _glow(image, (0, -HEIGHT * 0.1, WIDTH, HEIGHT * 0.6), (60, 120, 220), 0.45)
    for row in range(2):
        depth = row
        s = 1.0 + depth * 0.9
        y = HEIGHT * (0.68 + depth * 0.22)
        layer, ldraw = _layer()
        ldraw.rectangle([0, y + 30 * s, WIDTH, y + 70 * s], fill=(50, 52, 60))
        for i in range(5 - row):
            x = WIDTH * (i + 0.5) / (5 - row)
            ldraw.rectangle([x - 110 * s, y - 70 * s, x - 10 * s, y + 20 * s], fill=(20, 20, 24))
            ldraw.rectangle([x - 104 * s, y - 64 * s, x - 16 * s, y + 14 * s], fill=(40, 110, 200))
            _person_back(ldraw, rng, x + 40 * s, y - 10 * s, s)
        _over(image, layer, 1.2 * (1 - depth))
    return image


def _trees(
    draw: ImageDraw.ImageDraw, rng: random.Random, y: float, count: int, scale: float
) -> None:
    for _ in range(count):
        x = rng.uniform(-50, WIDTH + 50)
        h = rng.uniform(180, 320) * scale
        draw.rectangle([x - 8 * scale, y - h * 0.4, x + 8 * scale, y], fill=(70, 50, 36))
        for _ in range(7):
            cx, cy = x + rng.uniform(-70, 70) * scale, y - h * rng.uniform(0.5, 1.0)
            r = rng.uniform(50, 90) * scale
            draw.ellipse(
                [cx - r, cy - r, cx + r, cy + r],
                fill=(rng.randint(40, 70), rng.randint(95, 135), rng.randint(40, 60)),
            )


def _outdoor(rng: random.Random) -> Image.Image:
    """A village yard: trees behind, a red awning, young volunteers helping residents."""
    image = _gradient((WIDTH, HEIGHT), (150, 196, 236), (226, 234, 238))
    _glow(image, (-WIDTH * 0.2, -HEIGHT * 0.5, WIDTH * 0.7, HEIGHT * 0.5), (255, 246, 220), 0.6)
    far, fdraw = _layer()
    _trees(fdraw, rng, HEIGHT * 0.55, 14, 0.9)
    fdraw.rectangle([0, HEIGHT * 0.55, WIDTH, HEIGHT], fill=(170, 160, 140))
    fdraw.polygon(
        [
            (WIDTH * 0.55, HEIGHT * 0.22),
            (WIDTH * 1.05, HEIGHT * 0.22),
            (WIDTH * 1.1, HEIGHT * 0.34),
            (WIDTH * 0.5, HEIGHT * 0.34),
        ],
        fill=(190, 30, 36),
    )
    for x in (0.57, 0.8, 1.0):
        fdraw.rectangle(
            [WIDTH * x, HEIGHT * 0.34, WIDTH * x + 8, HEIGHT * 0.6], fill=(200, 200, 200)
        )
    _over(image, far, 6)
    people, pdraw = _layer()
    for i in range(6):
        x = WIDTH * (0.12 + i * 0.155) + rng.uniform(-20, 20)
        young = i % 2 == 0
        s = 2.0 + rng.uniform(-0.1, 0.1)
        if young:
            _person_front(pdraw, rng, x, HEIGHT * 0.52, s, tie=False)
            pdraw.rounded_rectangle(
                [x - 50 * s, HEIGHT * 0.52 + 8 * s, x + 50 * s, HEIGHT * 0.52 + 110 * s],
                radius=int(26 * s),
                fill=(34, 110, 190),
            )
        else:
            _person_back(pdraw, rng, x, HEIGHT * 0.6, s * 1.1)
    _over(image, people, 0.8)
    return image


def _landscape(rng: random.Random) -> Image.Image:
    """The city at dusk, a telecommunications mast in front of it."""
    image = _gradient((WIDTH, HEIGHT), (58, 84, 140), (246, 170, 110))
    _glow(image, (WIDTH * 0.1, HEIGHT * 0.35, WIDTH * 0.8, HEIGHT * 1.0), (255, 200, 130), 0.7)
    city, cdraw = _layer()
    x = -20.0
    while x < WIDTH:
        w = rng.uniform(50, 130)
        h = rng.uniform(90, 330)
        top = HEIGHT * 0.8 - h
        cdraw.rectangle(
            [x, top, x + w, HEIGHT], fill=_mix((40, 44, 62), (70, 64, 74), rng.random())
        )
        for wy in range(int(top) + 12, int(HEIGHT * 0.8), 22):
            for wx in range(int(x) + 8, int(x + w) - 10, 18):
                if rng.random() < 0.35:
                    cdraw.rectangle([wx, wy, wx + 8, wy + 10], fill=(255, 214, 140))
        x += w + rng.uniform(2, 14)
    _over(image, city, 2.2)
    mast, mdraw = _layer()
    base, top = HEIGHT * 1.02, HEIGHT * 0.08
    cx = WIDTH * 0.68
    for side in (-1, 1):
        mdraw.line([(cx + side * 90, base), (cx + side * 12, top)], fill=(30, 30, 36), width=9)
    steps = 16
    for k in range(steps):
        t0, t1 = k / steps, (k + 1) / steps
        y0, y1 = base + (top - base) * t0, base + (top - base) * t1
        w0, w1 = 90 - 78 * t0, 90 - 78 * t1
        mdraw.line([(cx - w0, y0), (cx + w1, y1)], fill=(40, 40, 46), width=4)
        mdraw.line([(cx + w0, y0), (cx - w1, y1)], fill=(40, 40, 46), width=4)
        mdraw.line([(cx - w0, y0), (cx + w0, y0)], fill=(40, 40, 46), width=3)
    for k, side in enumerate((-1, 1, -1, 1)):
        y = top + 60 + k * 40
        x0, x1 = sorted((cx + side * 16, cx + side * 38))
        mdraw.rectangle([x0, y, x1, y + 70], fill=(220, 220, 224))
    mdraw.ellipse([cx - 8, top - 20, cx + 8, top - 4], fill=(255, 60, 50))
    _over(image, mast, 0.6)
    return image


def _portrait(rng: random.Random) -> Image.Image:
    """A formal portrait on a studio background."""
    image = _gradient((WIDTH, HEIGHT), (196, 206, 222), (120, 136, 160))
    _glow(image, (WIDTH * 0.2, -HEIGHT * 0.2, WIDTH * 0.8, HEIGHT * 0.8), (250, 250, 255), 0.5)
    layer, draw = _layer()
    _person_front(draw, rng, WIDTH * 0.5, HEIGHT * 0.55, 5.5)
    _over(image, layer, 1.5)
    return image


def _map(rng: random.Random) -> Image.Image:
    """An administrative map: a commune's boundary, its villages, a river, a road."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (236, 240, 228))
    draw = ImageDraw.Draw(image)
    cx, cy = WIDTH // 2, HEIGHT // 2
    points = []
    for step in range(14):
        angle = step / 14 * math.tau
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
    return image


SCENES: dict[str, Callable[[random.Random], Image.Image]] = {
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
    """Return a JPEG of `scene`; the same seed always renders the same picture (once per
    machine: cong.demo.kept)."""
    return kept(".jpg", f"photo:{RENDERER_VERSION}:{scene}:{seed}", lambda: _render(scene, seed))


def _render(scene: str, seed: str) -> bytes:
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret)
    image = SCENES.get(scene, _landscape)(rng)
    image = image.resize(OUTPUT, Image.Resampling.LANCZOS)
    if scene != "map":
        image = _finish(image, rng)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=84, optimize=True, progressive=True)
    return out.getvalue()
