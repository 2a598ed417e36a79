"""The page images inside a photo or a scanned PDF, checked against the limits before anything is decoded.

A photo (.png, .jpg/.jpeg, .webp, .tif/.tiff; a TIFF may hold several pages) or a PDF without a text
layer becomes Pillow images, one per page, for :mod:`evaluator.io.ocr`. Decompression bombs are
refused from the headers of every page (width x height against ``max_image_pixels``, and the bytes
the page takes once decoded, from its mode, against ``max_page_bytes``) before any pixel is decoded;
then the pages are decoded one at a time, as they are read, so one page is in memory whatever the
page count. Pillow's own ``Image.MAX_IMAGE_PIXELS`` stays as a second line of defence, and only
the four formats named are opened (a file renamed to .png that is really an EPS or a PSD is refused
rather than handed to another decoder). Every refusal is a :class:`ScanError` saying what and where.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np
from PIL import Image, ImageMode, ImageOps, UnidentifiedImageError

from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits

IMAGE_FORMATS = ("PNG", "JPEG", "WEBP", "TIFF")  # what Pillow may use to open a photo; nothing else
# what a decoder raises on a truncated, corrupt or hostile image
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)


class Pages:
    """The page images of one photo or scan: their number, known from the headers, and the pages, decoded one at a
    time as they are iterated (once)."""

    def __init__(self, count: int, images: Iterator[Image.Image]) -> None:
        self.count = count
        self._images = images

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Image.Image]:
        return self._images


class ScanError(ValueError):
    """A photo or scan that cannot be turned into page images; ``reason`` says what and where."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def pixel_bytes(mode: str) -> int:
    """Bytes one pixel of a Pillow mode takes in memory once decoded (Pillow keeps several bands in 4 bytes).

    >>> [pixel_bytes(m) for m in ("1", "L", "I;16", "RGB", "F")]
    [1, 1, 2, 4, 4]
    """
    try:
        described = ImageMode.getmode(mode)
    except KeyError:
        return 8  # a mode Pillow does not describe: assume the widest
    return 4 if len(described.bands) > 1 else max(1, np.dtype(described.typestr).itemsize)


def _check_pixels(width: int, height: int, where: str, limits: SourceLimits, bytes_per_pixel: float = 1) -> None:
    pixels = width * height
    if width <= 0 or height <= 0:
        raise ScanError(f"{where} has no pixels ({width}x{height})")
    if pixels > limits.max_image_pixels:
        raise ScanError(f"{where} is {width:,}x{height:,} pixels ({pixels / 1e6:,.0f} megapixels); the limit is "
                        f"{limits.max_image_pixels / 1e6:g} megapixels: photograph or scan it at a lower resolution "
                        "(300 dpi is plenty)")
    decoded = pixels * bytes_per_pixel
    if decoded > limits.max_page_bytes:
        raise ScanError(f"{where} takes {decoded / 1e6:,.0f} MB once decoded ({width:,}x{height:,} pixels of "
                        f"{bytes_per_pixel:g} bytes); the limit is {limits.max_page_bytes / 1e6:g} MB a page: save it "
                        "as an 8-bit grey or colour image (JPEG or PNG) at 300 dpi")


def _check_pages(count: int, limits: SourceLimits) -> None:
    if count > limits.max_pages:
        raise ScanError(f"{count} pages; a photographed or scanned answer may have up to {limits.max_pages} "
                        "(upload each answer on its own)")


def image_pages(data: bytes, *, limits: SourceLimits = DEFAULT_LIMITS) -> Pages:
    """Every page of a photo or (multi-page) TIFF, upright as the camera recorded it (EXIF orientation applied).

    Every page's header is checked before the first page is decoded (so a bad last page refuses the file at
    once); then the pages are decoded one at a time as they are asked for: use each page before asking for the
    next (a page may be the image file's own frame, which the next page replaces).

    >>> image_pages(b"not an image")
    Traceback (most recent call last):
    ...
    evaluator.io.scans.ScanError: not a PNG, JPEG, WebP or TIFF image (corrupt, or another kind of file renamed)
    """
    image = _open_image(data)
    count = getattr(image, "n_frames", 1)
    try:
        _check_pages(count, limits)
        for number in range(count):  # 1. headers only
            where = "the image" if count == 1 else f"page {number + 1}"
            try:
                image.seek(number)
            except _DECODE_ERRORS as exc:
                raise ScanError(f"{where} cannot be decoded (corrupt or truncated image: {exc})") from None
            _check_pixels(image.width, image.height, where, limits, pixel_bytes(image.mode))
    except ScanError:
        image.close()
        raise
    return Pages(count, _decoded(image, count))


def _open_image(data: bytes) -> Image.Image:
    try:
        return Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)  # reads the header only
    except Image.DecompressionBombError as exc:  # Pillow's own limit (2 x MAX_IMAGE_PIXELS), checked at open
        raise ScanError(f"the image is too large to decode (decompression bomb?): {exc}") from None
    except (UnidentifiedImageError, *_DECODE_ERRORS):
        raise ScanError("not a PNG, JPEG, WebP or TIFF image (corrupt, or another kind of file renamed)") from None


def _decoded(image: Image.Image, count: int) -> Iterator[Image.Image]:
    """2. the pages, decoded one at a time (the file is closed when the last is read or the reader stops)."""
    with image:
        for number in range(count):
            where = "the image" if count == 1 else f"page {number + 1}"
            try:
                image.seek(number)
                image.load()
                turned = image.getexif().get(0x0112, 1) not in (0, 1)  # EXIF orientation
                page = ImageOps.exif_transpose(image) if turned else image
            except _DECODE_ERRORS as exc:
                raise ScanError(f"{where} cannot be decoded (corrupt or truncated image: {exc})") from None
            yield page


_PDF_COMPONENTS = {"/DeviceGray": 1, "/CalGray": 1, "/DeviceRGB": 3, "/CalRGB": 3, "/Lab": 3, "/DeviceCMYK": 4}


def _pdf_pixel_bytes(obj: object) -> float:
    """Bytes a pixel of a PDF image takes once decoded, from its dictionary: colour components x bits, as Pillow
    keeps them (several bands in at least 4 bytes); an unknown colour space counts as CMYK at 16 bits."""
    bits = int(obj.get("/BitsPerComponent", 8) or 8)  # type: ignore[attr-defined]
    space = obj.get("/ColorSpace")  # type: ignore[attr-defined]
    space = space.get_object() if hasattr(space, "get_object") else space
    if isinstance(space, list) and space:
        kind = str(space[0])
        if kind == "/ICCBased" and len(space) > 1:
            components = int(space[1].get_object().get("/N", 4))
        elif kind == "/Indexed":
            components = 3  # a palette image becomes colour
        else:
            components = _PDF_COMPONENTS.get(kind, 4)
    else:
        components = _PDF_COMPONENTS.get(str(space), 1 if obj.get("/ImageMask") else 4)  # type: ignore[attr-defined]
    return max(4.0 if components > 1 else 1.0, components * max(bits, 8) / 8)


def _page_images(page: object) -> Iterator[tuple[int, int, object, float]]:
    """(width, height, image reference, bytes a pixel) of each image drawn on a PDF page, from its dictionary only."""
    resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
    xobjects = resources.get_object().get("/XObject") if hasattr(resources, "get_object") else None
    if not xobjects:
        return
    for name, ref in xobjects.get_object().items():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            yield int(obj.get("/Width", 0)), int(obj.get("/Height", 0)), name, _pdf_pixel_bytes(obj)


_PDF_ERRORS = (*_DECODE_ERRORS, KeyError, TypeError, AttributeError)


def pdf_pages(data: bytes, *, limits: SourceLimits = DEFAULT_LIMITS) -> Pages:
    """The largest image on each page of a scanned PDF (a scanner or phone app draws one per page), turned as
    the page is shown; pages with no image (a blank separator) are skipped.

    As for :func:`image_pages`, every page's image is checked from its dictionary before the first is decoded,
    and the pages are then decoded one at a time as they are asked for.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        count = len(reader.pages)
        _check_pages(count, limits)
        chosen = []
        for number, page in enumerate(reader.pages, start=1):
            found = sorted(_page_images(page), key=lambda item: item[0] * item[1], reverse=True)
            if found:
                width, height, name, per_pixel = found[0]
                _check_pixels(width, height, f"page {number}", limits, per_pixel)
                chosen.append((page, name))
    except ScanError:
        raise
    except (PyPdfError, *_PDF_ERRORS) as exc:
        raise ScanError(f"the scanned PDF's page images cannot be read ({type(exc).__name__}: {exc})") from None
    if not chosen:
        raise ScanError("the PDF has neither text nor page images; type the answer or upload a photo of it")
    return Pages(len(chosen), _pdf_decoded(chosen))


def _pdf_decoded(chosen: list[tuple[object, object]]) -> Iterator[Image.Image]:
    from pypdf.errors import PyPdfError

    for page, name in chosen:
        try:
            # pypdf decodes the stream with its own output limits (pypdf.filters: 75 MB)
            image = next(i.image for i in page.images if i.name.startswith(str(name).lstrip("/")))  # type: ignore[attr-defined]
            rotate = int(page.get("/Rotate", 0) or 0) % 360  # type: ignore[attr-defined]
        except StopIteration:
            raise ScanError("a page's image cannot be found in the PDF (corrupt PDF)") from None
        except (PyPdfError, *_PDF_ERRORS) as exc:
            raise ScanError(f"the scanned PDF's page images cannot be read ({type(exc).__name__}: {exc})") from None
        yield image.rotate(-rotate, expand=True) if rotate else image
