"""An evidence file read as a small picture for the preview, or why it cannot be one.

Runs on a worker thread (a 20-megapixel photo takes a while to decode): files are opened as
the evidence pack opens them (regular files only, no symbolic link followed, nothing under
/proc, /sys or /dev: `open_regular`), JPEGs are decoded at a fraction of their size
(`draft`), the picture is turned as the camera says (EXIF orientation) and shrunk to the
preview's size. Any file name and any bytes give a picture or a one-line reason, never an
error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from tui.store.vault import Refused, open_regular

# The picture formats previewed (HEIF only where a Pillow plugin reads it). Pillow reads many
# more, some through other programs (EPS through Ghostscript): evidence is photos and
# screenshots, and nothing else is tried.
PICTURE_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF", "AVIF", "HEIF")
# Larger than this once opened (a JPEG after `draft`), a picture is not decoded: a PNG of
# 200 megapixels takes most of a gigabyte. A 20-megapixel photo is far below it.
MAX_PIXELS = 50_000_000
# The colour under a transparent picture's see-through parts.
_BACKDROP = (0, 0, 0)


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture shrunk to fit the preview (RGB), and the size of the whole picture."""

    image: Image.Image
    width: int
    height: int


def load_picture(
    path: Path, bound: tuple[int, int], cancelled: Callable[[], bool] = lambda: False
) -> Picture | str | None:
    """The picture in `path` no larger than `bound` pixels; else why not, in a few words.
    None if `cancelled()` said so before the slow part."""
    try:
        return _load(path, bound, cancelled)
    except (OSError, ValueError) as error:  # a name with a NUL, a name too long
        return f"cannot be read ({getattr(error, 'strerror', None) or 'not a usable name'})"


def _load(
    path: Path, bound: tuple[int, int], cancelled: Callable[[], bool]
) -> Picture | str | None:
    try:
        with open_regular(path) as file:
            return _decode(file, bound, cancelled)
    except Refused as refused:
        return str(refused)


def _decode(
    file: object, bound: tuple[int, int], cancelled: Callable[[], bool]
) -> Picture | str | None:
    Image.init()
    formats = [name for name in PICTURE_FORMATS if name in Image.OPEN]
    try:
        with Image.open(file, formats=formats) as opened:  # type: ignore[arg-type]
            width, height = opened.size
            # A JPEG decodes at 1/2, 1/4 or 1/8 of its size, still at least as big as asked.
            largest = max(bound)
            opened.draft("RGB", (largest, largest))
            if opened.width * opened.height > MAX_PIXELS:
                return f"too large to preview ({width * height / 1e6:.0f} megapixels)"
            if cancelled():
                return None
            turned = ImageOps.exif_transpose(opened)
            if turned.size != opened.size:  # turned a quarter: the whole picture's size too
                width, height = height, width
            turned.thumbnail(bound, Image.Resampling.BICUBIC, reducing_gap=2.0)
            return Picture(_opaque_rgb(turned), width, height)
    except UnidentifiedImageError:
        return "not a picture the preview reads"
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "too large to preview"
    except (OSError, SyntaxError, EOFError):
        return "a damaged or incomplete picture"
    except Exception:  # Pillow's readers raise all kinds on odd bytes
        return "a picture that cannot be read"


def _opaque_rgb(image: Image.Image) -> Image.Image:
    """`image` in RGB, its see-through parts on the backdrop."""
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        backdrop = Image.new("RGBA", rgba.size, (*_BACKDROP, 255))
        return Image.alpha_composite(backdrop, rgba).convert("RGB")
    return image.convert("RGB")
