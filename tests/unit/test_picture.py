"""Reading an evidence file as a preview picture: pictures shrunk and turned upright, every
other file a one-line reason, whatever its name or bytes; and nothing asked of the terminal."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from tests.pictures import BLUE, GREEN, RED, YELLOW, close_to, quadrants
from tui.app.graphics import may_draw_pictures
from tui.app.picture import MAX_PIXELS, Picture, load_picture

BOUND = (60, 40)


def test_a_png_is_shrunk_to_the_bound_its_shape_kept(tmp_path: Path) -> None:
    picture = load_picture(quadrants(tmp_path / "q.png", (640, 480)), BOUND)
    assert isinstance(picture, Picture)
    assert (picture.width, picture.height) == (640, 480)
    assert picture.image.size == (53, 40)
    assert picture.image.mode == "RGB"
    corners = [(2, 2), (50, 2), (2, 37), (50, 37)]
    for corner, colour in zip(corners, (RED, GREEN, BLUE, YELLOW), strict=True):
        assert close_to(picture.image.getpixel(corner), colour)


def test_a_small_picture_is_never_grown(tmp_path: Path) -> None:
    picture = load_picture(quadrants(tmp_path / "q.png", (8, 6)), BOUND)
    assert isinstance(picture, Picture)
    assert picture.image.size == (8, 6)


def test_a_jpeg_is_decoded_small_and_turned_as_the_camera_says(tmp_path: Path) -> None:
    """A photo taken with the phone on its side: stored 400x300, shown 300 wide by 400 high
    (EXIF orientation 6: turn a quarter clockwise), the red quarter then top right."""
    image = Image.open(quadrants(tmp_path / "q.png", (400, 300)))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "side.jpg"
    image.save(path, "JPEG", exif=exif, quality=95)
    picture = load_picture(path, BOUND)
    assert isinstance(picture, Picture)
    assert (picture.width, picture.height) == (300, 400)
    assert picture.image.size == (30, 40)
    assert close_to(picture.image.getpixel((27, 2)), RED, within=30)


def test_see_through_parts_are_drawn_on_black(tmp_path: Path) -> None:
    path = tmp_path / "clear.png"
    Image.new("RGBA", (10, 10), (255, 255, 255, 0)).save(path)
    picture = load_picture(path, BOUND)
    assert isinstance(picture, Picture)
    assert picture.image.getpixel((5, 5)) == (0, 0, 0)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: folder / "gone.png", "not found"),
        (lambda folder: folder, "a folder"),
        (lambda folder: _written(folder / "notes.txt", b"a note, no picture"), "not a picture"),
        (lambda folder: _written(folder / "empty.jpg", b""), "not a picture"),
        (lambda folder: _cut_short(folder), "a damaged or incomplete picture"),
        (lambda folder: _linked(folder), "a symbolic link, not followed"),
        (lambda folder: _pipe(folder), "not a regular file"),
        (lambda folder: Path("/dev/zero"), "on the special file system /dev"),
        (lambda folder: Path("/proc/self/environ"), "on the special file system /proc"),
        (lambda folder: Path("a\0b.png"), "cannot be read"),
    ],
    ids=["missing", "folder", "text", "empty", "cut-short", "link", "pipe", "dev", "proc", "nul"],
)
def test_what_is_no_picture_says_why_in_one_line(tmp_path: Path, make: object, reason: str) -> None:
    said = load_picture(make(tmp_path), BOUND)  # type: ignore[operator]
    assert isinstance(said, str)
    assert said.startswith(reason)
    assert "\n" not in said
    assert "packed" not in said  # the pack's wording stays the pack's


def test_a_folder_on_the_way_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    quadrants(tmp_path / "real" / "q.png")
    (tmp_path / "via").symlink_to(tmp_path / "real")
    said = load_picture(tmp_path / "via" / "q.png", BOUND)
    assert said == "a symbolic link on the way, not followed"


def test_a_picture_too_large_to_decode_is_refused_before_decoding(tmp_path: Path) -> None:
    """A PNG of 60 megapixels (one colour, so the file is small) is refused at its header."""
    path = tmp_path / "huge.png"
    Image.new("1", (10_000, 6_000)).save(path)
    assert MAX_PIXELS < 10_000 * 6_000
    said = load_picture(path, BOUND)
    assert said == "too large to preview (60 megapixels)"


def test_only_photo_and_screenshot_formats_are_read(tmp_path: Path) -> None:
    """Pillow reads EPS through Ghostscript, and many odd formats: none is tried."""
    path = tmp_path / "picture.pcx"
    Image.new("RGB", (10, 10), RED).save(path, "PCX")
    assert load_picture(path, BOUND) == "not a picture the preview reads"


def test_a_reader_that_gave_up_is_told_before_decoding(tmp_path: Path) -> None:
    assert load_picture(quadrants(tmp_path / "q.png"), BOUND, lambda: True) is None


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow on a damaged header
@given(st.binary(max_size=600), st.sampled_from(["PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF"]))
def test_any_bytes_give_a_picture_or_a_reason(data: bytes, fmt: str) -> None:
    """Random bytes, and a real picture cut short or with random bytes after its header."""
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), GREEN).save(buffer, fmt)
    valid = buffer.getvalue()
    for content in (data, valid[: len(data)], valid[:40] + data):
        path = folder / f"returns-tui-fuzz-{os.getpid()}"
        path.write_bytes(content)
        try:
            said = load_picture(path, BOUND)
        finally:
            path.unlink()
        assert isinstance(said, Picture | str)


@given(st.text(max_size=80))
def test_any_file_name_gives_a_picture_or_a_reason(name: str) -> None:
    assert isinstance(load_picture(Path(name), BOUND), Picture | str)


@pytest.mark.parametrize(
    ("environ", "asks"),
    [
        ({"TERM": "xterm-kitty"}, True),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, True),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True),
        ({"TERM": "foot"}, True),
        ({"TERM": "xterm-256color"}, False),
        ({"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, False),
        ({"TERM": "screen-256color", "KITTY_WINDOW_ID": "1"}, False),
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, False),
        ({"TERM": "xterm-256color", "RETURNS_TUI_GRAPHICS": "ask"}, True),
        ({"TERM": "xterm-kitty", "RETURNS_TUI_GRAPHICS": "blocks"}, False),
    ],
)
def test_the_terminal_is_asked_only_where_it_may_draw_pictures(
    environ: dict[str, str], asks: bool
) -> None:
    assert may_draw_pictures(environ) is asks


# Run in a terminal of its own: whether the terminal was asked, how pictures are drawn.
_IN_A_TERMINAL = """
import json, sys, time
started = time.perf_counter()
from tui.app.graphics import picture_kind, probe_terminal
asked = probe_terminal() if sys.argv[1] == "probe" else False
kind = picture_kind()
seconds = time.perf_counter() - started
print(json.dumps({"asked": asked, "name": kind.name, "cell": kind.cell, "seconds": seconds}),
      file=sys.stderr)
"""


def _in_a_terminal(how: str, term: str, *, sized: bool = True) -> tuple[dict, bytes]:
    """Run `_IN_A_TERMINAL` with a pseudo-terminal that answers nothing on stdin and stdout;
    what it said, and every byte it wrote to the terminal."""
    master, slave = pty.openpty()
    if sized:  # 24 rows of 80, no pixel size: as tmux reports
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    environ = {key: value for key, value in os.environ.items() if key not in ("TMUX", "STY")}
    done = subprocess.run(
        [sys.executable, "-c", _IN_A_TERMINAL, how],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        env={**environ, "TERM": term},
        check=True,
    )
    os.close(slave)
    written = b""
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        written += chunk
    os.close(master)
    return json.loads(done.stderr.strip().splitlines()[-1]), written


@pytest.mark.slow
@pytest.mark.parametrize("sized", [True, False], ids=["sized", "never-sized"])
def test_pictures_drawn_in_a_terminal_never_ask_it_anything(sized: bool) -> None:
    """Unless asked first (`probe_terminal`), drawing pictures asks the terminal nothing: not
    a byte goes to it, and no answer is waited for (even where the environment says kitty)."""
    said, written = _in_a_terminal("draw", "xterm-kitty", sized=sized)
    assert (said["asked"], said["name"], said["cell"]) == (False, "half-blocks", [1, 2])
    assert written == b""
    assert said["seconds"] < 1  # (an unanswered question waits 0.1 s)


@pytest.mark.slow
def test_only_a_terminal_that_may_draw_pictures_is_asked() -> None:
    said, written = _in_a_terminal("probe", "xterm-256color")
    assert (said["asked"], said["name"], written) == (False, "half-blocks", b"")
    said, written = _in_a_terminal("probe", "xterm-kitty")
    assert said["asked"]
    assert b"\x1b[c" in written  # Sixel?
    assert b"\x1b_G" in written  # Kitty's graphics?
    assert said["name"] == "half-blocks"  # neither answered


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _cut_short(folder: Path) -> Path:
    whole = quadrants(folder / "whole.png", (200, 150)).read_bytes()
    return _written(folder / "cut.png", whole[: len(whole) // 2])


def _linked(folder: Path) -> Path:
    link = folder / "link.png"
    link.symlink_to(quadrants(folder / "q.png"))
    return link


def _pipe(folder: Path) -> Path:
    path = folder / "pipe.png"
    os.mkfifo(path)
    return path


def test_the_terminal_is_asked_last_before_the_app_reads_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`returns-tui` asks (where it may) after opening the store and building the app, just
    before Textual starts reading stdin."""
    from tui import cli
    from tui.app import graphics
    from tui.app.returns_app import ReturnsApp

    calls: list[str] = []
    monkeypatch.setattr(graphics, "probe_terminal", lambda: calls.append("ask"))
    monkeypatch.setattr(ReturnsApp, "run", lambda self: calls.append("run"))
    assert cli.main(["--db", str(tmp_path / "returns.json")]) == 0
    assert calls == ["ask", "run"]
