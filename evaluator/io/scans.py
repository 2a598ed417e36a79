"""The page images inside a photo or a scanned PDF, checked against the limits before anything is decoded.

A photo (.png, .jpg/.jpeg, .webp, .tif/.tiff; a TIFF may hold several pages) or a PDF without a text
layer becomes a list of Pillow images, one per page, for :mod:`evaluator.io.ocr`. Decompression
bombs are refused from the image header (width x height against ``max_image_pixels``) before any
pixel is decoded; Pillow's own ``Image.MAX_IMAGE_PIXELS`` stays as a second line of defence, and only
the four formats named are opened (a file renamed to .png that is really an EPS or a PSD is refused
rather than handed to another decoder). Every refusal is a :class:`ScanError` saying what and where.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageOps, UnidentifiedImageError

from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits

IMAGE_FORMATS = ("PNG", "JPEG", "WEBP", "TIFF")  # what Pillow may use to open a photo; nothing else
# what a decoder raises on a truncated, corrupt or hostile image
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)


class ScanError(ValueError):
    """A photo or scan that cannot be turned into page images; ``reason`` says what and where."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _check_pixels(width: int, height: int, where: str, limits: SourceLimits) -> None:
    pixels = width * height
    if width <= 0 or height <= 0:
        raise ScanError(f"{where} has no pixels ({width}x{height})")
    if pixels > limits.max_image_pixels:
        raise ScanError(f"{where} is {width:,}x{height:,} pixels ({pixels / 1e6:,.0f} megapixels); the limit is "
                        f"{limits.max_image_pixels / 1e6:g} megapixels: photograph or scan it at a lower resolution "
                        "(300 dpi is plenty)")


def _check_pages(count: int, limits: SourceLimits) -> None:
    if count > limits.max_pages:
        raise ScanError(f"{count} pages; a photographed or scanned answer may have up to {limits.max_pages} "
                        "(upload each answer on its own)")


def image_pages(data: bytes, *, limits: SourceLimits = DEFAULT_LIMITS) -> list[Image.Image]:
    """Every page of a photo or (multi-page) TIFF, upright as the camera recorded it (EXIF orientation applied).

    >>> image_pages(b"not an image")
    Traceback (most recent call last):
    ...
    evaluator.io.scans.ScanError: not a PNG, JPEG, WebP or TIFF image (corrupt, or another kind of file renamed)
    """
    try:
        image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)  # reads the header only
    except Image.DecompressionBombError as exc:  # Pillow's own limit (2 x MAX_IMAGE_PIXELS), checked at open
        raise ScanError(f"the image is too large to decode (decompression bomb?): {exc}") from None
    except (UnidentifiedImageError, *_DECODE_ERRORS):
        raise ScanError("not a PNG, JPEG, WebP or TIFF image (corrupt, or another kind of file renamed)") from None
    with image:
        count = getattr(image, "n_frames", 1)
        _check_pages(count, limits)
        pages = []
        for number in range(count):
            where = "the image" if count == 1 else f"page {number + 1}"
            try:
                image.seek(number)
                _check_pixels(image.width, image.height, where, limits)
                image.load()
                page = ImageOps.exif_transpose(image.copy())
            except ScanError:
                raise
            except _DECODE_ERRORS as exc:
                raise ScanError(f"{where} cannot be decoded (corrupt or truncated image: {exc})") from None
            pages.append(page)
    return pages


def _page_images(page: object) -> Iterator[tuple[int, int, object]]:
    """(width, height, image reference) of each image drawn on a PDF page, from its dictionary only."""
    resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
    xobjects = resources.get_object().get("/XObject") if hasattr(resources, "get_object") else None
    if not xobjects:
        return
    for name, ref in xobjects.get_object().items():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            yield int(obj.get("/Width", 0)), int(obj.get("/Height", 0)), name


def pdf_pages(data: bytes, *, limits: SourceLimits = DEFAULT_LIMITS) -> list[Image.Image]:
    """The largest image on each page of a scanned PDF (a scanner or phone app draws one per page), turned as
    the page is shown; pages with no image (a blank separator) are skipped."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        count = len(reader.pages)
        _check_pages(count, limits)
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            found = sorted(_page_images(page), key=lambda item: item[0] * item[1], reverse=True)
            if not found:
                continue
            width, height, name = found[0]
            _check_pixels(width, height, f"page {number}", limits)
            # pypdf decodes the stream with its own output limits (pypdf.filters: 75 MB)
            image = next(i.image for i in page.images if i.name.startswith(str(name).lstrip("/")))
            rotate = int(page.get("/Rotate", 0) or 0) % 360
            pages.append(image.rotate(-rotate, expand=True) if rotate else image)
    except ScanError:
        raise
    except StopIteration:
        raise ScanError("a page's image cannot be found in the PDF (corrupt PDF)") from None
    except (PyPdfError, *_DECODE_ERRORS, KeyError, TypeError, AttributeError) as exc:
        raise ScanError(f"the scanned PDF's page images cannot be read ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise ScanError("the PDF has neither text nor page images; type the answer or upload a photo of it")
    return pages
