"""What is kept of an image's file: its pixels and the information that shows them right, never who, where or how.

Used by the upload form (``SafeImageField``, config/uploads.py) on every new image, and by ``manage.py
strip_image_metadata`` on the originals stored before uploads were cleaned.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin

# Image information worth keeping: colour profile, resolution, transparency, animation timing. Everything else
# Pillow reads (EXIF with GPS and camera, XMP, IPTC, comments, PNG text chunks such as Author) is dropped.
KEPT_IMAGE_INFO = {"icc_profile", "dpi", "transparency", "duration", "loop", "background", "disposal", "blend"}
METADATA_INFO = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}
# JPEG application segments that carry metadata: APP1 (EXIF, XMP) and APP13 (Photoshop/IPTC: author, place).
JPEG_METADATA_SEGMENTS = {"APP1", "APP13"}


def _has_metadata(image):
    if METADATA_INFO & set(image.info):
        return True
    if getattr(image, "text", None):  # PNG tEXt/zTXt/iTXt chunks
        return True
    return any(marker in JPEG_METADATA_SEGMENTS for marker, _content in getattr(image, "applist", []))


def strip_image_metadata(uploaded):
    """The upload without its metadata, as a new file of the same name; the upload itself if it carries none.

    PNG, GIF and lossless WebP are saved again losslessly. JPEG has no well-kept library that drops its
    segments without re-encoding, so a JPEG with metadata is re-encoded at quality 95 with its chroma
    subsampling, after turning the pixels as its EXIF orientation says (the orientation goes with the EXIF).
    """
    uploaded.seek(0)
    with PILImage.open(uploaded) as image:
        if not _has_metadata(image):
            uploaded.seek(0)
            return uploaded
        image_format = image.format
        if image_format == "MPO":
            # A camera JPEG with a second, hidden picture (a preview or depth map, Pillow's "MPO"): what readers
            # see is its first picture, kept as a JPEG and turned like any other.
            image_format = "JPEG"
        options = {}
        if image_format == "JPEG":
            subsampling = JpegImagePlugin.get_sampling(image)
            options = {"quality": 95, **({"subsampling": subsampling} if subsampling != -1 else {})}
        elif image_format == "WEBP":
            options = {"lossless": True}
        elif image_format == "AVIF":
            options = {"quality": 90}
        kept = {key: value for key, value in image.info.items() if key in KEPT_IMAGE_INFO}
        output = io.BytesIO()
        if getattr(image, "is_animated", False) and image_format != "JPEG":
            # Frames are saved from the file as read; only its own information goes with them.
            image.info = kept
            image.save(output, format=image_format, save_all=True, **options)
        else:
            clean = ImageOps.exif_transpose(image) if image_format == "JPEG" else image.copy()
            clean.info = kept
            clean.save(output, format=image_format, **options)
    return ContentFile(output.getvalue(), name=uploaded.name)
