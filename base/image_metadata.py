"""What is kept of an image's file: its pixels and the information that shows them right, never who, where or how.

Used by the upload form (``SafeImageField``, config/uploads.py) on every new image, and by ``manage.py
strip_image_metadata`` on the originals stored before uploads were cleaned.

What a file may keep is an allow-list of its container's parts, not a list of the metadata known today: a JPEG
keeps its JFIF header (without thumbnail), ICC profile and Adobe colour segment besides the picture; a PNG the
chunks of the picture, its colour and its animation; a GIF its picture, animation and colour-profile blocks; a
WebP the same. Any other part (EXIF, XMP in any wrapping, IPTC, comments, a camera maker's segment, a PNG ``tIME``
or text chunk, bytes after the end of the picture) makes the file one to clean. PNG, GIF and WebP are cleaned by
copying the kept parts byte for byte, so the picture, its frames and its profile are the same bytes; a JPEG too,
unless its EXIF turns it, when it is re-encoded with the turn applied. A file whose structure is not understood
(or AVIF, whose metadata are items of a box tree) is saved again by Pillow. Whatever way it was cleaned, the
result is read again and refused (``ValueError``, a form error) if anything but kept parts is left.
"""

import io
import struct

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin

# Image information worth keeping when Pillow saves a file again: colour profile, resolution, transparency,
# animation timing.
KEPT_IMAGE_INFO = {"icc_profile", "dpi", "transparency", "duration", "loop", "background", "disposal", "blend"}
# What Pillow reports of metadata, for the formats whose structure is not walked here (AVIF), and as a second look.
METADATA_INFO = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}

ORIENTATION = 0x0112

# --- The parts of a file ---------------------------------------------------------------------------------------
# Each walker cuts a file into [(bytes, kept)], in order, or returns None when it does not understand the file
# (then Pillow saves it again). Joining the kept parts gives the clean file.


class _Unknown(Exception):
    """The file's structure is not one this module can copy safely."""


# JPEG markers that are the picture itself: start/end of frame (SOF0-SOF15, with DHT C4 and DAC CC among them),
# quantisation and Huffman tables, restart interval, number of lines, start of scan.
_JPEG_PICTURE_MARKERS = {*range(0xC0, 0xD0), 0xDB, 0xDD, 0xDC, 0xDA}


def _jpeg_segment_kept(marker, payload):
    if marker in _JPEG_PICTURE_MARKERS:
        return True
    if marker == 0xE0:
        # JFIF (density, version) without its optional thumbnail: a thumbnail may show the photo before a crop.
        return payload[:5] == b"JFIF\0" and len(payload) >= 14 and payload[12] == payload[13] == 0
    if marker == 0xE2:
        return payload.startswith(b"ICC_PROFILE\0")  # the colour profile, possibly in several segments
    if marker == 0xEE:
        return payload.startswith(b"Adobe")  # the colour transform of CMYK and YCCK pictures
    # APP1 (EXIF, XMP), APP13 (IPTC), APP3, APP12, APP15 and every other APPn, comments (COM), JPGn, ...
    return False


def _entropy_end(data, start):
    """Where the entropy-coded data starting at ``start`` ends: at the next marker that is not a restart marker
    or a stuffed 0xFF."""
    position = start
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            raise _Unknown("scan not ended")
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position


def _jpeg_parts(data):
    if data[:2] != b"\xff\xd8":
        raise _Unknown("no SOI")
    parts = [(data[:2], True)]
    position = 2
    while True:
        if position + 2 > len(data) or data[position] != 0xFF:
            raise _Unknown("marker expected")
        fill = position
        while data[position + 1] == 0xFF:  # fill bytes before a marker
            position += 1
            if position + 2 > len(data):
                raise _Unknown("truncated")
        marker = data[position + 1]
        if marker == 0xD9:  # end of image: anything after it is not the picture (an appended file, a 2nd picture)
            parts.append((data[fill : position + 2], True))
            rest = data[position + 2 :]
            if rest:
                parts.append((rest, False))
            return parts
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            parts.append((data[fill : position + 2], True))
            position += 2
            continue
        if position + 4 > len(data):
            raise _Unknown("truncated")
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise _Unknown("bad segment length")
        parts.append((data[fill:end], _jpeg_segment_kept(marker, data[position + 4 : end])))
        position = end
        if marker == 0xDA:
            scan_end = _entropy_end(data, position)
            parts.append((data[position:scan_end], True))
            position = scan_end


# PNG chunks of the picture (critical), its colour (profile, sRGB, gamma, chromaticities, significant bits, cICP
# and HDR mastering), transparency, background, pixel size, and APNG animation. Not tEXt/zTXt/iTXt, eXIf, tIME…
_PNG_KEPT = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"iCCP",
    b"sRGB",
    b"gAMA",
    b"cHRM",
    b"sBIT",
    b"cICP",
    b"mDCV",
    b"cLLI",
    b"bKGD",
    b"pHYs",
    b"acTL",
    b"fcTL",
    b"fdAT",
}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_parts(data):
    if not data.startswith(_PNG_SIGNATURE):
        raise _Unknown("no signature")
    parts = [(_PNG_SIGNATURE, True)]
    position = len(_PNG_SIGNATURE)
    while position < len(data):
        if position + 8 > len(data):
            raise _Unknown("truncated")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        if end > len(data):
            raise _Unknown("truncated chunk")
        if kind not in _PNG_KEPT and kind[:1].isupper():
            raise _Unknown("unknown critical chunk")  # needed to show the picture: dropping it would break it
        parts.append((data[position:end], kind in _PNG_KEPT))
        position = end
        if kind == b"IEND":
            if position < len(data):
                parts.append((data[position:], False))
            return parts
    raise _Unknown("no IEND")


# GIF application extensions that are the animation (loop count) or the colour profile; XMP ("XMP DataXMP") and
# any other application's block are not kept.
_GIF_KEPT_APPLICATIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"}


def _gif_sub_blocks_end(data, position):
    while True:
        if position >= len(data):
            raise _Unknown("truncated")
        size = data[position]
        position += 1 + size
        if size == 0:
            return position


def _gif_parts(data):
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise _Unknown("no header")
    flags = data[10]
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    parts = [(data[:position], True)]
    while position < len(data):
        block = data[position]
        if block == 0x3B:  # trailer: what follows is not the picture
            parts.append((data[position : position + 1], True))
            if position + 1 < len(data):
                parts.append((data[position + 1 :], False))
            return parts
        if block == 0x21:
            if position + 2 > len(data):
                raise _Unknown("truncated")
            label = data[position + 1]
            end = _gif_sub_blocks_end(data, position + 2)
            if label == 0xF9:  # graphic control: delay, disposal, transparency of the next frame
                kept = True
            elif label == 0xFF:  # application: kept only for the animation and the colour profile
                kept = data[position + 2] == 11 and data[position + 3 : position + 14] in _GIF_KEPT_APPLICATIONS
            else:  # comment (0xFE), plain text (0x01), anything else
                kept = False
            parts.append((data[position:end], kept))
            position = end
        elif block == 0x2C:  # a frame: descriptor, local colour table, LZW code size, pixel data
            if position + 11 > len(data):
                raise _Unknown("truncated")
            frame_flags = data[position + 9]
            start = position + 10 + (3 << ((frame_flags & 7) + 1) if frame_flags & 0x80 else 0) + 1
            end = _gif_sub_blocks_end(data, start)
            parts.append((data[position:end], True))
            position = end
        else:
            raise _Unknown("unknown block")
    raise _Unknown("no trailer")


# WebP chunks of the picture (lossy, lossless, alpha), its extended header, animation and colour profile. Not EXIF,
# XMP or anything else.
_WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_WEBP_FRAME_KEPT = {b"VP8 ", b"VP8L", b"ALPH"}


def _riff_chunks(data, position, end):
    """[(kind, start, end)] of the RIFF chunks from ``position`` to ``end`` (padded to an even length)."""
    chunks = []
    while position < end:
        if position + 8 > end:
            raise _Unknown("truncated")
        kind, size = struct.unpack("<4sI", data[position : position + 8])
        chunk_end = position + 8 + size + (size & 1)
        if chunk_end > end:
            raise _Unknown("truncated chunk")
        chunks.append((kind, position, chunk_end))
        position = chunk_end
    return chunks


def _webp_parts(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise _Unknown("no header")
    (size,) = struct.unpack("<I", data[4:8])
    end = 8 + size
    if end > len(data):
        raise _Unknown("truncated")
    parts = [(data[:12], True)]
    for kind, start, chunk_end in _riff_chunks(data, 12, end):
        if kind == b"ANMF":
            # A frame's own chunks follow its 16-byte header; one it does not need cannot be cut out of it here.
            frame = _riff_chunks(data, start + 24, chunk_end)
            if any(inner not in _WEBP_FRAME_KEPT for inner, _start, _end in frame):
                raise _Unknown("unknown chunk in a frame")
        parts.append((data[start:chunk_end], kind in _WEBP_KEPT))
    if end < len(data):
        parts.append((data[end:], False))
    return parts


def _webp_join(kept):
    body = b"".join(kept[1:])
    chunks = []
    for kind, start, end in _riff_chunks(body, 0, len(body)):
        chunk = body[start:end]
        if kind == b"VP8X":
            # Its flags announce EXIF (0x08) and XMP (0x04) chunks, which are gone.
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C & 0xFF]) + chunk[9:]
        chunks.append(chunk)
    body = b"".join(chunks)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


_WALKERS = {"JPEG": _jpeg_parts, "MPO": _jpeg_parts, "PNG": _png_parts, "GIF": _gif_parts, "WEBP": _webp_parts}


def file_parts(data, image_format):
    """[(bytes, kept)] of ``data``, a file of Pillow's ``image_format``, or None if its structure is not walked."""
    walker = _WALKERS.get(image_format)
    if walker is None:
        return None
    try:
        return walker(data)
    except (_Unknown, IndexError, struct.error):
        return None


def _join(parts, image_format):
    kept = [part for part, keep in parts if keep]
    if image_format == "WEBP":
        return _webp_join(kept)
    return b"".join(kept)


# --- Cleaning ----------------------------------------------------------------------------------------------------


def _pillow_metadata(image):
    if METADATA_INFO & set(image.info):
        return True
    return bool(getattr(image, "text", None))  # PNG tEXt/zTXt/iTXt chunks


def _is_turned(image):
    """Whether the EXIF orientation turns the picture: dropping the EXIF would turn it back."""
    return image.getexif().get(ORIENTATION, 1) not in (0, 1)


def _save_again(image):
    """The picture saved again by Pillow with only ``KEPT_IMAGE_INFO``: a JPEG re-encoded at quality 95 with its
    chroma subsampling after its EXIF orientation is applied, the other formats losslessly."""
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
        # Frames are saved from the file as read; only its own information goes with them. Pillow reads each
        # frame's information again as it saves (a GIF's comment among it): said empty, it is not written.
        image.info = kept
        image.save(output, format=image_format, save_all=True, comment=b"", **options)
    else:
        clean = ImageOps.exif_transpose(image) if image_format == "JPEG" else image.copy()
        clean.info = kept
        clean.save(output, format=image_format, **options)
    return output.getvalue()


def _check_clean(data, size):
    """Read the cleaned file again: it must be a whole picture of ``size`` with nothing but kept parts."""
    with PILImage.open(io.BytesIO(data)) as image:
        image.load()
        parts = file_parts(data, image.format)
        left = _pillow_metadata(image) or (parts is not None and not all(keep for _part, keep in parts))
        if image.format in _WALKERS and parts is None:
            left = True  # Pillow wrote a file the walker cannot read: nothing says it is clean
        if left or image.size != size:
            raise ValueError("The image's metadata could not be removed.")


def strip_image_metadata(uploaded):
    """The upload without its metadata, as a new file of the same name; the upload itself if it carries none.

    Kept parts are copied byte for byte when the file's structure is walked (see the module's docstring); a JPEG
    whose EXIF turns it, and a file not walked, are saved again by Pillow (``_save_again``).
    """
    uploaded.seek(0)
    data = uploaded.read()
    with PILImage.open(io.BytesIO(data)) as image:
        parts = file_parts(data, image.format)
        walked_clean = parts is not None and all(keep for _part, keep in parts)
        # A format not walked here (AVIF) is judged by what Pillow reports of it, as before the walkers: saved again
        # (lossy, for AVIF) only when it carries metadata.
        not_walked = parts is None and image.format not in _WALKERS
        if (walked_clean or not_walked) and not _pillow_metadata(image):
            uploaded.seek(0)
            return uploaded
        turned = image.format in ("JPEG", "MPO") and _is_turned(image)
        # The size readers see: a JPEG turned a quarter by its EXIF (orientations 5 to 8) has its sides swapped.
        size = image.size[::-1] if turned and image.getexif()[ORIENTATION] in (5, 6, 7, 8) else image.size
        if parts is not None and not walked_clean and not turned:
            cleaned = _join(parts, image.format)
        else:
            cleaned = _save_again(image)
    _check_clean(cleaned, size)
    return ContentFile(cleaned, name=uploaded.name)
