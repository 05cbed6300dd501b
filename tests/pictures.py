"""Pictures made with Pillow for the tests: no binary fixture is kept in the repository."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

RED, GREEN, BLUE, YELLOW = (220, 40, 40), (40, 180, 60), (40, 80, 220), (240, 220, 40)


def quadrants(path: Path, size: tuple[int, int] = (64, 48), fmt: str = "PNG") -> Path:
    """A picture of four coloured quarters: red, green above; blue, yellow below."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    half_x, half_y = width // 2, height // 2
    draw.rectangle((0, 0, half_x - 1, half_y - 1), fill=RED)
    draw.rectangle((half_x, 0, width - 1, half_y - 1), fill=GREEN)
    draw.rectangle((0, half_y, half_x - 1, height - 1), fill=BLUE)
    draw.rectangle((half_x, half_y, width - 1, height - 1), fill=YELLOW)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt)
    return path


def plain(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (40, 30)) -> Path:
    """A picture of one colour."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def close_to(found: tuple[int, ...], wanted: tuple[int, int, int], within: int = 12) -> bool:
    """Whether colour `found` is `wanted` give or take a little (JPEG, scaling)."""
    return all(abs(a - b) <= within for a, b in zip(found[:3], wanted, strict=True))
