"""AVIF renditions at libavif's fastest speed, for tests (imported by the root conftest.py
and by the scripts the tests run in subprocesses).

Pillow's default speed (6) takes about two seconds for one 800px photo, and a demo page asks
for AVIF, WebP and JPEG at two or three widths per photo. The pages are still rendered with
every format and size the templates ask for; only the compression effort is lower.
"""

from PIL import AvifImagePlugin, Image


def install() -> None:
    def save(im: Image.Image, fp, filename, save_all: bool = False) -> None:
        im.encoderinfo.setdefault("speed", 10)
        AvifImagePlugin._save(im, fp, filename, save_all)

    def save_all(im: Image.Image, fp, filename) -> None:
        save(im, fp, filename, save_all=True)

    Image.register_save(AvifImagePlugin.AvifImageFile.format, save)
    Image.register_save_all(AvifImagePlugin.AvifImageFile.format, save_all)
