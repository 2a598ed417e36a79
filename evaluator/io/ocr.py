"""Reading a photographed or scanned answer offline: page images in, text with per-line confidence out.

Engines: rapidocr (PP-OCR detection, recognition and line-angle models bundled in its wheel; nothing
is downloaded) for English, with tesseract as the fallback when rapidocr is not installed or finds
nothing; tesseract's ``hin`` model for Devanagari. Per page, in order:

1. the image is made grey and at most ``OcrSettings.max_side`` pixels on its long side;
2. orientation (0/90/180/270) and script from tesseract's orientation and script detection, or,
   without tesseract, from the shape of rapidocr's text boxes and its line-angle classifier;
3. skew: the small angle at which the rows of ink line up best (a projection profile), undone;
4. recognition, in batches, stopping at the page's deadline (``ocr_seconds_per_page``): what is
   not read by then is left out and the answer flagged for review;
5. layout (:mod:`evaluator.io.layout`): margin notes set aside, the body's columns read left to right, in
   each lines by their words' midlines top to bottom, headers set aside, paragraphs from the gaps between lines.

Tesseract runs as a subprocess with ``OMP_THREAD_LIMIT=1`` (its OpenMP threads only slow it down on
two cores) and a timeout. When no engine is installed, :class:`OcrUnavailable` says so and how to fix it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from evaluator.io import layout
from evaluator.io.layout import Line, Word, weighted_confidence
from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits

log = logging.getLogger(__name__)

DEVANAGARI = range(0x0900, 0x0980)
INSTALL_HINT = ("run `make run` (it installs them), or `pip install rapidocr` and `apt-get install tesseract-ocr "
                "tesseract-ocr-eng tesseract-ocr-hin`")


@dataclass(frozen=True)
class OcrSettings:
    """Every number of the OCR step, in one place.

    Attributes:
        max_side: long side of the page image read, in pixels (an A4 page at about 250 dpi).
        detect_side: long side of the copy that text lines are found on (and orientation judged on): finding lines
            needs less detail than reading them, and costs the square of this.
        unsure_below: a word with a lower confidence is marked for the student or mentor to check.
        review_below: an answer whose mean confidence is lower needs review (batch ``needs_review``).
        review_unsure_share: ... as does one with more than this share of its words unsure.
        min_orientation_confidence: tesseract's orientation confidence needed to trust it (on handwriting fonts it
            said "upside down" of upright pages with confidences up to 1.4, and was right from about 3).
        min_devanagari_confidence: tesseract's script confidence needed to read a page as Devanagari.
        rapidocr: use rapidocr when it is installed (False: tesseract only).
        tesseract: the tesseract command.
        threads: ONNX Runtime threads for rapidocr (default: ``$OMP_NUM_THREADS``, else every core).
        batch_lines: lines recognised between two looks at the clock.
    """

    max_side: int = 2200
    detect_side: int = 1280
    unsure_below: float = 0.80
    review_below: float = 0.90
    review_unsure_share: float = 0.10
    min_orientation_confidence: float = 5.0
    min_devanagari_confidence: float = 2.0
    rapidocr: bool = True
    tesseract: str = "tesseract"
    threads: int | None = None
    batch_lines: int = 12


DEFAULT_SETTINGS = OcrSettings()


class OcrError(ValueError):
    """A page that cannot be read; ``reason`` says what and where."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class OcrUnavailable(OcrError):
    """No OCR engine is installed on this machine."""


@dataclass(frozen=True)
class OcrPage:
    """One page as read.

    Attributes:
        number: 1-based page number.
        image: the page as read: upright, deskewed, grey; word boxes are in its pixels.
        paragraphs: the answer's lines on this page, grouped into paragraphs, in reading order.
        ignored: margin notes, headers, footers and page numbers, left out of the text.
        engine: ``"rapidocr"``, ``"tesseract:eng"`` or ``"tesseract:hin+eng"``.
        rotated: degrees the page was turned clockwise to be upright (0, 90, 180, 270).
        skew: small angle (degrees) the page was straightened by.
        complete: False when the time limit stopped the reading before the page's end.
    """

    number: int
    image: Image.Image = field(repr=False, compare=False)
    paragraphs: tuple[tuple[Line, ...], ...]
    ignored: tuple[Line, ...] = ()
    engine: str = ""
    rotated: int = 0
    skew: float = 0.0
    complete: bool = True

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for paragraph in self.paragraphs for line in paragraph)

    @property
    def text(self) -> str:
        return "\n\n".join(layout.join_lines(p) for p in self.paragraphs)


@dataclass(frozen=True)
class OcrResult:
    """An answer read from its page images: the text, per-line confidences and whether a person should check it."""

    pages: tuple[OcrPage, ...]
    settings: OcrSettings = DEFAULT_SETTINGS
    unread_pages: tuple[int, ...] = ()  # pages left out when the answer's time limit was reached
    seconds_limit: float = 0.0  # that limit, for the note

    @property
    def note(self) -> str:
        """What the reader should know about pages left unread ("" when every page was read)."""
        if not self.unread_pages:
            return ""
        first, last = self.unread_pages[0], self.unread_pages[-1]
        which = f"page {first} was" if first == last else f"pages {first}-{last} were"
        return (f"OCR stopped at its limit of {self.seconds_limit:g} s for one answer: {which} not read; type "
                "the rest of the answer into the text, or upload those pages as a separate file")

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages if page.text)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for page in self.pages for line in page.lines for w in line.words)

    @property
    def confidence(self) -> float:
        """Mean word confidence over the answer, weighted by word length (0 when nothing was read)."""
        return weighted_confidence(self.words)

    @property
    def unsure_words(self) -> tuple[Word, ...]:
        return tuple(w for w in self.words if w.confidence < self.settings.unsure_below)

    @property
    def needs_review(self) -> bool:
        """True when a person should compare the text with the page before trusting the marks."""
        words = self.words
        return (not words or self.confidence < self.settings.review_below
                or len(self.unsure_words) > self.settings.review_unsure_share * len(words)
                or not all(page.complete for page in self.pages) or bool(self.unread_pages))


# --- engines -------------------------------------------------------------------------------------------------------


def rapidocr_installed() -> bool:
    return importlib.util.find_spec("rapidocr") is not None and importlib.util.find_spec("cv2") is not None


@lru_cache(maxsize=4)
def tesseract_languages(command: str = "tesseract") -> frozenset[str]:
    """The languages the tesseract on this machine reads (empty when it is not installed)."""
    path = shutil.which(command)
    if path is None:
        return frozenset()
    try:
        done = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def engines(settings: OcrSettings = DEFAULT_SETTINGS) -> tuple[str, ...]:
    """The engines usable here: ``"rapidocr"``, ``"tesseract:eng"``, ``"tesseract:hin"``."""
    found = ["rapidocr"] if settings.rapidocr and rapidocr_installed() else []
    langs = tesseract_languages(settings.tesseract)
    found += [f"tesseract:{lang}" for lang in ("eng", "hin") if lang in langs]
    return tuple(found)


def availability(settings: OcrSettings = DEFAULT_SETTINGS) -> str:
    """``""`` when English pages can be read here, else a sentence saying what is missing and how to install it."""
    if {"rapidocr", "tesseract:eng"} & set(engines(settings)):
        return ""
    return f"reading photos and scans needs an OCR engine, and none is installed on this server; {INSTALL_HINT}"


@lru_cache(maxsize=2)
def _rapid_engine(threads: int):  # noqa: ANN202 - rapidocr.RapidOCR, imported lazily
    from rapidocr import RapidOCR

    params = {"Global.log_level": "error", "Global.text_score": 0.0,
              "EngineConfig.onnxruntime.intra_op_num_threads": threads,
              "EngineConfig.onnxruntime.inter_op_num_threads": 1}
    return RapidOCR(params=params)


def _threads(settings: OcrSettings) -> int:
    return settings.threads or int(os.environ.get("OMP_NUM_THREADS") or 0) or os.cpu_count() or 1


def _quad_box(quad: object) -> layout.Box:
    points = np.asarray(quad, dtype=float).reshape(-1, 2)
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    return int(x0), int(y0), int(x1), int(y1)


def _small(gray: Image.Image, side: int) -> tuple[Image.Image, float]:
    """A copy at most ``side`` pixels on its long side, and the factor back to the original's pixels."""
    scale = min(1.0, side / max(gray.size))
    if scale == 1.0:
        return gray, 1.0
    return gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.BILINEAR), 1 / scale


def _rapid_detect(gray: Image.Image, settings: OcrSettings) -> np.ndarray:
    """Text-line quadrilaterals (N x 4 x 2) on a page, in its pixels (found on a smaller copy)."""
    engine = _rapid_engine(_threads(settings))
    small, back = _small(gray, settings.detect_side)
    out = engine(np.stack([np.asarray(small)] * 3, axis=-1), use_cls=False, use_rec=False)
    boxes = getattr(out, "boxes", None)
    return np.zeros((0, 4, 2)) if boxes is None else np.asarray(boxes, dtype=float) * back


def _rapid_read(gray: Image.Image, settings: OcrSettings, deadline: float,
                quads: np.ndarray | None = None) -> tuple[list[Line], bool]:
    """Line fragments read by rapidocr (on ``quads`` when the lines were found already) and whether the page was
    read to its end. Each line is read as it lies: the line-angle classifier turned a quarter of the lines of an
    upright handwriting-font page upside down (read as "e e e"), so it only votes for the page (:func:`_orient`)."""
    from rapidocr.ch_ppocr_rec import TextRecInput

    engine = _rapid_engine(_threads(settings))
    rgb = np.stack([np.asarray(gray)] * 3, axis=-1)
    quads = _rapid_detect(gray, settings) if quads is None else quads
    quads = sorted(quads, key=lambda q: float(np.mean(q[:, 1])))
    # the engine's own steps, so the clock can be read between batches (its one call cannot be stopped)
    recogniser = engine._load_rec_model()  # noqa: SLF001
    fragments: list[Line] = []
    for start in range(0, len(quads), settings.batch_lines):
        if time.monotonic() > deadline:
            return fragments, False
        batch = [np.asarray(q, dtype=np.float32) for q in quads[start:start + settings.batch_lines]]
        crops = _crops(rgb, batch)
        read = recogniser(TextRecInput(img=crops, return_word_box=True))
        read = engine.cal_rec_boxes(crops, np.asarray(batch), read, False)
        for quad, text, score, words in zip(batch, read.txts, read.scores, read.word_results, strict=False):
            if not text.strip():
                continue
            found = tuple(Word(str(t), float(s), _quad_box(b)) for t, s, b in words if str(t).strip() and b is not None)
            if not found or "".join(w.text for w in found).replace(" ", "") != text.replace(" ", ""):
                found = _spread_words(text, float(score), _quad_box(quad))
            fragments.append(Line(tuple(replace(w, text=fix_digits(w.text)) for w in found)))
    return fragments, True


def _crops(rgb: np.ndarray, quads: Sequence[np.ndarray]) -> list[np.ndarray]:
    from rapidocr.utils.process_img import get_rotate_crop_image

    return [get_rotate_crop_image(rgb, np.asarray(q, dtype=np.float32).copy()) for q in quads]


def _orient(gray: Image.Image, settings: OcrSettings) -> tuple[int, np.ndarray | None, bool]:
    """Without a trusted answer from tesseract: (clockwise degrees that make the page upright, the text lines found
    on the page as it is, or ``None`` once it was turned, and whether it was turned by the upside-down vote). A
    page whose text boxes are mostly taller than wide lies on its side; the line-angle classifier's confident votes
    then say whether it is upside down (on a page of three lines they can be wrong: :func:`read_page` checks)."""
    quads = _rapid_detect(gray, settings)
    rotated = 0
    if len(quads) >= 3:
        boxes = [_quad_box(q) for q in quads]
        if sum(1 for x0, y0, x1, y1 in boxes if (y1 - y0) > 1.5 * (x1 - x0)) > len(boxes) / 2:
            rotated, gray = 90, _turn(gray, -90)
            quads = _rapid_detect(gray, settings)
    if len(quads):
        engine = _rapid_engine(_threads(settings))
        votes = engine._load_cls_model()(_crops(np.stack([np.asarray(gray)] * 3, axis=-1), quads)).cls_res  # noqa: SLF001
        flipped = sum(1 for label, score in votes if str(label) == "180" and score > 0.9)
        upright = sum(1 for label, score in votes if str(label) == "0" and score > 0.9)
        if flipped > upright:
            return (rotated + 180) % 360, None, True
    return rotated, (quads if rotated == 0 else None), False


_DIGITS_WITH_O = re.compile(r"^(\W*)(\d+[oO]\d*|[oO]\d+)(\W*)$")


def fix_digits(word: str) -> str:
    """A number read with the letter O for a zero, as handwritten zeros often are, with the zero.

    >>> [fix_digits(w) for w in ["2o23", "(2O16)", "Ooty", "o"]]
    ['2023', '(2016)', 'Ooty', 'o']
    """
    match = _DIGITS_WITH_O.match(word)
    if not match:
        return word
    return match.group(1) + match.group(2).replace("o", "0").replace("O", "0") + match.group(3)


def _spread_words(text: str, confidence: float, box: layout.Box) -> tuple[Word, ...]:
    """Words of a line without their own boxes: the line's box shared out by length, the line's confidence each."""
    words = text.split()
    total = sum(len(w) + 1 for w in words) or 1
    x0, y0, x1, y1 = box
    out, at = [], x0
    for w in words:
        width = (x1 - x0) * (len(w) + 1) / total
        out.append(Word(w, confidence, (int(at), y0, int(at + width), y1)))
        at += width
    return tuple(out)


def _run_tesseract(command: str, args: list[str], image: Image.Image, timeout: float) -> str | None:
    """Tesseract's output on one image, or ``None`` when it fails or runs out of time."""
    path = shutil.which(command)
    if path is None or timeout <= 0:
        return None
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="upsc-ocr-") as tmp:
        file = Path(tmp) / "page.png"
        image.save(file)
        try:
            done = subprocess.run([path, str(file), "stdout", *args], capture_output=True, text=True, env=env,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            log.warning("tesseract %s stopped after %.0f s", " ".join(args), timeout)
            return None
        except OSError as exc:
            log.warning("tesseract cannot run: %s", exc)
            return None
    return done.stdout if done.returncode == 0 else None


def even_light(gray: Image.Image) -> Image.Image:
    """The page with its lighting made even: each pixel divided by the brightness of the paper around it (the
    page with its ink taken out, blurred). Tesseract's single threshold turned the dim half of a phone photo black
    ("Too few characters"); rapidocr does not need this.

    >>> from PIL import ImageDraw
    >>> page = Image.linear_gradient("L").rotate(90).resize((400, 400)).point(lambda v: 90 + v * 0.6)  # dim on the left
    >>> ImageDraw.Draw(page).rectangle((20, 190, 380, 200), fill=20)  # a stroke of ink across
    >>> even = even_light(page)
    >>> [page.getpixel((10, 100)), page.getpixel((390, 100))], [even.getpixel((10, 100)), even.getpixel((390, 100))]
    ([94, 239], [228, 255])
    >>> even.getpixel((200, 195)) < 60  # the ink stays dark
    True
    """
    small = gray.resize((max(1, gray.width // 8), max(1, gray.height // 8)), Image.Resampling.BILINEAR)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(4))
    paper = paper.resize(gray.size, Image.Resampling.BILINEAR)
    ratio = np.asarray(gray, dtype=np.float32) / np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    return Image.fromarray(np.clip(ratio * 255, 0, 255).astype(np.uint8))


def _osd(image: Image.Image, settings: OcrSettings, timeout: float) -> tuple[int, str, float, float]:
    """(clockwise degrees to turn the page upright, script, orientation confidence, script confidence)."""
    out = _run_tesseract(settings.tesseract, ["--psm", "0"], even_light(image), timeout) or ""
    fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    try:
        return (int(fields.get("Rotate", "0").strip()) % 360, fields.get("Script", "").strip(),
                float(fields.get("Orientation confidence", "0")), float(fields.get("Script confidence", "0")))
    except ValueError:
        return 0, "", 0.0, 0.0


def _tesseract_read(gray: Image.Image, lang: str, settings: OcrSettings, deadline: float) -> tuple[list[Line], bool]:
    """Line fragments read by tesseract (its TSV output: one row per word, with its line and confidence)."""
    out = _run_tesseract(settings.tesseract, ["-l", lang, "--psm", "4", "tsv"], even_light(gray),
                         deadline - time.monotonic())
    if out is None:
        return [], False
    lines: dict[tuple[str, ...], list[Word]] = {}
    for row in out.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip() or float(cells[10]) < 0:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        lines.setdefault(tuple(cells[1:5]), []).append(
            Word(cells[11].strip(), float(cells[10]) / 100, (left, top, left + width, top + height)))
    return [Line(tuple(words)) for words in lines.values()], True


# --- page geometry -------------------------------------------------------------------------------------------------


def prepare(image: Image.Image, settings: OcrSettings = DEFAULT_SETTINGS) -> Image.Image:
    """The page in grey, at most ``max_side`` pixels on its long side (transparency on white, 16-bit scans scaled).

    A large page is made small first, in its own mode, so that no copy of the full page is made in a wider mode
    (a 16-bit or float page as float64 took eight bytes a pixel).

    >>> deep = Image.fromarray(np.array([[0, 30_000], [60_000, 65_535]], dtype=np.uint16))
    >>> prepare(deep).getextrema()
    (0, 255)
    """
    scale = settings.max_side / max(image.size)
    if scale < 1 and image.mode not in ("1", "P"):  # a palette or 1-bit page is resized after becoming grey
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                             Image.Resampling.LANCZOS)
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):  # convert("L") would clip them to white
        pixels = np.asarray(image, dtype=np.float64)
        top = float(pixels.max())
        image = Image.fromarray(np.clip(pixels * (255 / top if top > 255 else 1), 0, 255).astype(np.uint8))
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image.convert("RGBA"))
    gray = image.convert("L")
    scale = settings.max_side / max(gray.size)
    if scale < 1:
        gray = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
                           Image.Resampling.LANCZOS)
    return gray


def skew_angle(gray: Image.Image, *, max_angle: float = 8.0) -> float:
    """The angle (degrees, counter-clockwise) the page's rows of writing are turned by: the one at which the ink,
    projected on the vertical, gives the sharpest row profile.

    >>> from PIL import ImageDraw
    >>> page = Image.new("L", (600, 400), 255)
    >>> for y in range(60, 360, 40):
    ...     ImageDraw.Draw(page).rectangle((50, y, 550, y + 12), fill=0)
    >>> round(skew_angle(page.rotate(3, expand=True, fillcolor=255)))
    3
    """
    small = gray.copy()
    small.thumbnail((900, 900))
    pixels = np.asarray(small, dtype=np.float32)
    ink = pixels < min(160.0, float(pixels.mean()) - 2 * float(pixels.std()) + 40)
    ys, xs = np.nonzero(ink)
    if len(ys) < 50:
        return 0.0
    xs = xs - small.width / 2

    def sharpness(angle: float) -> float:
        # rows after turning the page back by `angle`: y' = y + x * tan(angle) (image y points down)
        rows = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    coarse = max(np.arange(-max_angle, max_angle + 0.01, 0.5), key=sharpness)
    return float(max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=sharpness))


def _turn(gray: Image.Image, degrees: float) -> Image.Image:
    """The page turned counter-clockwise by ``degrees``, with white where there was no page."""
    if degrees % 90 == 0:
        return gray.rotate(degrees, expand=True) if degrees % 360 else gray
    return gray.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _devanagari_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if ord(c) in DEVANAGARI) / len(letters) if letters else 0.0


# --- pages and answers ---------------------------------------------------------------------------------------------


def read_page(image: Image.Image, *, number: int = 1, limits: SourceLimits = DEFAULT_LIMITS,
              settings: OcrSettings = DEFAULT_SETTINGS, stop_at: float = float("inf")) -> OcrPage:
    """One page image read into lines and paragraphs (see the module docstring for the steps).

    Args:
        stop_at: a ``time.monotonic()`` at which to stop even before the page's own limit (the answer's limit).

    Raises:
        OcrUnavailable: when no engine can read English here.
    """
    if problem := availability(settings):
        raise OcrUnavailable(problem)
    deadline = min(time.monotonic() + limits.ocr_seconds_per_page, stop_at)
    available = engines(settings)
    gray = prepare(image, settings)

    # 1. orientation and script: tesseract's when it is sure, else from rapidocr's lines and their angle votes
    rotated, script, quads = 0, "Latin", None
    trusted = voted = False
    if any(e.startswith("tesseract") for e in available):
        small, _ = _small(gray, settings.detect_side)
        turn, found, orientation_conf, script_conf = _osd(small, settings, min(20.0, deadline - time.monotonic()))
        if found == "Devanagari" and script_conf >= settings.min_devanagari_confidence:
            script = found
        if orientation_conf >= settings.min_orientation_confidence:
            rotated, trusted = turn, True
    if not trusted and script != "Devanagari" and "rapidocr" in available:
        rotated, quads, voted = _orient(gray, settings)
    gray = _turn(gray, -rotated)

    # 2. skew (lines found before it are found again on the straightened page)
    skew = skew_angle(gray)
    if abs(skew) >= 0.2:
        gray, quads = _turn(gray, -skew), None

    # 3. recognition: Devanagari by tesseract's hin (when it does read Devanagari); English by rapidocr, else tesseract
    fragments, complete, engine = [], True, ""
    if script == "Devanagari" and "tesseract:hin" in available:
        engine = "tesseract:hin+eng" if "tesseract:eng" in available else "tesseract:hin"
        fragments, complete = _tesseract_read(gray, engine.split(":")[1], settings, deadline)
        if _devanagari_share(" ".join(f.text for f in fragments)) < 0.5:  # the script detection was wrong
            fragments, engine = [], ""
    if not engine and "rapidocr" in available:
        engine = "rapidocr"
        fragments, complete = _rapid_read(gray, settings, deadline, quads)
        if voted:  # turned upside down by the classifier's vote: keep whichever way reads with more confidence
            other = _turn(gray, 180)
            again, done = _rapid_read(other, settings, deadline)
            if weighted_confidence([w for f in again for w in f.words]) > weighted_confidence(
                    [w for f in fragments for w in f.words]):
                gray, fragments, complete, rotated = other, again, done, (rotated + 180) % 360
    if not fragments and complete and "tesseract:eng" in available:
        engine = "tesseract:eng"
        fragments, complete = _tesseract_read(gray, "eng", settings, deadline)

    # 4. layout: each column of the body top to bottom, then the next column (a column starts a paragraph)
    body, notes = layout.split_margin_notes(fragments, gray.width)
    found: list[tuple[Line, ...]] = []
    ignored = list(notes)
    for column in layout.columns(body):
        lines, headers = layout.split_headers(layout.group_lines(column), gray.height)
        found += [tuple(p) for p in layout.paragraphs(lines)]
        ignored += headers
    return OcrPage(number, gray, tuple(found), tuple(ignored), engine, rotated, round(skew, 1), complete)


def _drop_repeated_headers(pages: Sequence[OcrPage]) -> list[OcrPage]:
    """A short first line in the top band that every page of a multi-page answer starts with (a booklet's printed
    header that no gap set apart) is not the answer. A full-width line is kept: two pages may begin alike."""
    if len(pages) < 2 or not all(page.lines for page in pages):
        return list(pages)

    def key(line: Line) -> str:
        return "".join(c for c in line.text.casefold() if c.isalpha())

    def header_like(page: OcrPage) -> bool:
        x0, _, x1, y1 = page.lines[0].box
        return y1 < layout.HEADER_BAND * page.image.height and x1 - x0 < 0.6 * page.image.width

    first = {key(page.lines[0]) for page in pages}
    if len(first) != 1 or not first.pop() or not all(header_like(page) for page in pages):
        return list(pages)
    out = []
    for page in pages:
        head, *rest = page.paragraphs
        kept = head[1:]
        paragraphs = ((kept,) if kept else ()) + tuple(rest)
        out.append(replace(page, paragraphs=paragraphs, ignored=(*page.ignored, head[0])))
    return out


def read_pages(images: Iterable[Image.Image], *, limits: SourceLimits = DEFAULT_LIMITS,
               settings: OcrSettings = DEFAULT_SETTINGS,
               on_page: Callable[[int, int], None] | None = None) -> OcrResult:
    """Every page of an answer read in order into one :class:`OcrResult`, within the answer's time limit
    (``ocr_seconds_per_upload``): the pages not started by then are not decoded, not read, and listed in
    ``unread_pages``. ``images`` may be :class:`evaluator.io.scans.Pages`, decoded as they are read;
    ``on_page(n, pages)`` is called before page ``n`` (from 1) is read, so a page can say "Reading page 1 of 2"."""
    stop_at = time.monotonic() + limits.ocr_seconds_per_upload
    count = len(images) if isinstance(images, Sized) else None
    pages: list[OcrPage] = []
    for number, image in enumerate(images, start=1):
        if on_page is not None:
            on_page(number, count if count is not None else number)
        pages.append(read_page(image, number=number, limits=limits, settings=settings, stop_at=stop_at))
        if time.monotonic() >= stop_at and (count is None or number < count):
            break
    total = count if count is not None else len(pages)
    unread = tuple(range(len(pages) + 1, total + 1))
    result = OcrResult(tuple(_drop_repeated_headers(pages)), settings, unread, limits.ocr_seconds_per_upload)
    if result.text and _devanagari_share(result.text) > 0.5:
        log.info("read %d page(s) of Devanagari", len(pages))
    return result


def read_scan(data: bytes, *, pdf: bool, limits: SourceLimits = DEFAULT_LIMITS,
              settings: OcrSettings = DEFAULT_SETTINGS,
              on_page: Callable[[int, int], None] | None = None) -> OcrResult:
    """A photo (or multi-page TIFF) or an image-only PDF read into text.

    Raises:
        OcrError: (or :class:`OcrUnavailable`) with the reason, for the caller to put the file's name on.
    """
    from evaluator.io.scans import ScanError, image_pages, pdf_pages

    try:  # first the file: a corrupt or hostile one is refused as such, OCR or not
        images = pdf_pages(data, limits=limits) if pdf else image_pages(data, limits=limits)
    except ScanError as exc:
        raise OcrError(exc.reason) from None
    try:
        if problem := availability(settings):
            for _ in images:  # a corrupt page is still refused as such, one page in memory at a time
                pass
            raise OcrUnavailable(problem)
        result = read_pages(images, limits=limits, settings=settings, on_page=on_page)
    except ScanError as exc:  # a page that cannot be decoded, found as it is read
        raise OcrError(exc.reason) from None
    if not result.text.strip():
        raise OcrError(f"no writing was found on the {'pages' if len(images) > 1 else 'page'}: check that the photo "
                       "shows the answer, in focus and well lit")
    return result
