"""Pages of an answer "written by hand": rendered with Pillow in Debian's handwriting fonts, for the OCR tests and
bench/ocr.py. Nothing here is real handwriting; the fonts stand in for it (see the README).

A page is A4 at 150 dpi on ruled paper: each line sits on a rule, with a little jitter in position and
darkness, a skipped rule between paragraphs, then the whole page is turned slightly, blurred and given
sensor noise. The phone variant is lower resolution, unevenly lit and JPEG-compressed.
"""

from __future__ import annotations

import io
import os
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN_LEFT, MARGIN_RIGHT, TOP = 150, 90, 170


@dataclass(frozen=True)
class Font:
    name: str
    path: Path
    print_like: bool  # separate letters, as most students write; False: joined-up (cursive)
    size: int = 34  # pixels, chosen so that the fonts' small letters are about as tall (a student's ~3 mm)
    devanagari: bool = False


FONTS = (
    Font("dkg", Path("/usr/share/fonts/truetype/fifthhorseman/dkg.ttf"), True, 34),
    Font("steve-hand", Path("/usr/share/fonts/truetype/sjfonts/SteveHand.ttf"), True, 34),
    Font("delphine", Path("/usr/share/fonts/truetype/sjfonts/Delphine.ttf"), True, 46),
    Font("humor-sans", Path("/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf"), True, 30),
    Font("femke-klaver", Path("/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf"), True, 36),
    Font("dancing-script", Path("/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf"), False, 38),
    Font("lohit-devanagari", Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"), True, 30,
         devanagari=True),
)
FALLBACK_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def installed(fonts: tuple[Font, ...] = FONTS) -> list[Font]:
    return [f for f in fonts if f.path.exists()]


def font_named(name: str) -> Font:
    return next(f for f in FONTS if f.name == name)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[list[str]]:
    """Paragraphs as lists of lines that fit ``width`` pixels."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines, line = [], ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if line and draw.textlength(trial, font=font) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
        if lines:
            paragraphs.append(lines)
    return paragraphs


def render_pages(text: str, font: Font, *, size: int | None = None, seed: int = 0, angle: float = 1.0,
                 blur: float = 0.7, noise: float = 7.0, header: str = "", margin_note: str = "") -> list[Image.Image]:
    """The answer written on as many ruled pages as it needs (greyscale, 1240 x 1754).

    Args:
        header: printed at the top of every page, like an answer booklet's header.
        margin_note: written in the left margin of the first page, beside the second line.
    """
    rnd = random.Random(seed)
    size = size or font.size
    face = ImageFont.truetype(str(font.path if font.path.exists() else FALLBACK_FONT), size)
    pitch = int(size * 1.55)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    lines: list[str | None] = []  # None: a skipped rule between paragraphs
    for paragraph in _wrap(probe, text, face, PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT):
        lines += [*paragraph, None]
    per_page = (PAGE[1] - TOP - 80) // pitch
    pages = []
    for first in range(0, len(lines), per_page):
        chunk = lines[first:first + per_page]
        if all(line is None for line in chunk):
            break
        image = Image.new("L", PAGE, 248)
        draw = ImageDraw.Draw(image)
        draw.line([(MARGIN_LEFT - 25, 40), (MARGIN_LEFT - 25, PAGE[1] - 40)], fill=215, width=2)  # margin rule
        for row in range((PAGE[1] - TOP) // pitch):
            y = TOP + row * pitch + int(size * 1.05)
            draw.line([(30, y), (PAGE[0] - 30, y)], fill=205, width=1)
        if header:
            small = ImageFont.truetype(str(FALLBACK_FONT), 22)
            draw.text((MARGIN_LEFT, 50), f"{header} — page {len(pages) + 1}", font=small, fill=90)
        for row, line in enumerate(chunk):
            if line is None:
                continue
            x = MARGIN_LEFT + rnd.randint(-5, 5)
            y = TOP + row * pitch + rnd.randint(-3, 3)
            draw.text((x, y), line, font=face, fill=rnd.randint(15, 60))
        if margin_note and not pages:
            note = ImageFont.truetype(str(font.path if font.path.exists() else FALLBACK_FONT), 20)
            draw.text((20, TOP + pitch + 5), margin_note, font=note, fill=60)
        image = image.rotate(angle + rnd.uniform(-0.3, 0.3), resample=Image.Resampling.BICUBIC, fillcolor=248)
        image = image.filter(ImageFilter.GaussianBlur(blur))
        pixels = np.asarray(image, dtype=np.float32) + np.random.default_rng(seed + len(pages)).normal(0, noise,
                                                                                                       image.size[::-1])
        pages.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    return pages


def phone_photo(page: Image.Image, *, seed: int = 0) -> Image.Image:
    """The page as a phone photo: lower resolution, light falling off across the sheet, a shadow, JPEG."""
    rng = np.random.default_rng(seed)
    small = page.resize((page.width * 2 // 3, page.height * 2 // 3), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.float32)
    h, w = pixels.shape
    ys, xs = np.mgrid[0:h, 0:w]
    light = 0.72 + 0.28 * (xs / w) * (1 - 0.4 * ys / h)  # brighter on the right, dimmer towards the bottom
    light *= 1 - 0.18 * np.exp(-(((xs - 0.2 * w) / (0.25 * w)) ** 2))  # a soft shadow
    pixels = pixels * light + rng.normal(0, 4, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).convert("RGB")
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=80)
    return Image.open(io.BytesIO(buffer.getvalue()))


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def scanned_pdf_bytes(pages: list[Image.Image]) -> bytes:
    """An image-only PDF, one page image per page, as a scanner writes it."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    return buffer.getvalue()


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def cer(reference: str, read: str) -> float:
    """Character error rate: edit distance over the reference's length, ignoring case and spacing (one font
    writes capitals only).

    >>> round(cer("India and the US", "lndia and the US"), 3)
    0.062
    """
    from rapidfuzz.distance import Levenshtein

    ref, hyp = _normalise(reference), _normalise(read)
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


def wer(reference: str, read: str) -> float:
    """Word error rate: edit distance in words over the reference's word count (case ignored)."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = _normalise(reference).split(), _normalise(read).split()
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


def require_ocr(*, hindi: bool = False, fonts: tuple[str, ...] = ()) -> None:
    """Skip on a developer machine without the OCR engines or fonts; in CI (``$CI`` set, where ``make test``
    installs them) fail instead, so these tests never go quietly missing."""
    import pytest

    from evaluator.io.ocr import availability, engines

    problem = availability()
    if not problem and hindi and "tesseract:hin" not in engines():
        problem = "tesseract's Hindi model is missing (apt-get install tesseract-ocr-hin)"
    missing = [f.name for f in FONTS if f.name in fonts and not f.path.exists()]
    if not problem and missing:
        problem = f"fonts missing: {', '.join(missing)} (make ocr installs them)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem}; `make test` should have installed it")
        pytest.skip(problem)
