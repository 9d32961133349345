"""Image files built in memory for the upload tests."""

import io
import struct
import zlib

from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo


def png_declaring(width, height):
    """A tiny PNG whose header declares width × height: what a decompression bomb looks like to a reader."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit grey: the smallest real pixels
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
        + chunk(b"IEND", b"")
    )


def png_of(width, height, mode="1", pnginfo=None):
    output = io.BytesIO()
    Image.new(mode, (width, height)).save(output, format="PNG", pnginfo=pnginfo)
    return output.getvalue()


def exif_with_gps(orientation=1):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 5D"
    exif[ExifTags.Base.Artist] = "Mario Rossi"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (45.0, 4.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (7.0, 41.0, 9.0)
    return exif


def jpeg_with_gps(width=96, height=48, orientation=1):
    """A JPEG carrying GPS position, camera and author in its EXIF, left half red and right half blue."""
    image = Image.new("RGB", (width, height), "blue")
    image.paste("red", (0, 0, width // 2, height))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=95, exif=exif_with_gps(orientation))
    return output.getvalue()


def camera_mpo_with_gps(orientation=6):
    """A camera JPEG with a second picture after the first (a Multi-Picture file, as many phones write: Pillow
    reads it as "MPO"), GPS in its EXIF and turned by its orientation; left half red, right half blue."""
    image = Image.new("RGB", (96, 48), "blue")
    image.paste("red", (0, 0, 48, 48))
    output = io.BytesIO()
    image.save(
        output,
        format="MPO",
        save_all=True,
        append_images=[Image.new("RGB", (24, 12), "gray")],
        quality=95,
        exif=exif_with_gps(orientation),
    )
    return output.getvalue()


def png_with_text():
    info = PngInfo()
    info.add_text("Author", "Mario Rossi")
    info.add_text("Comment", "Via Roma 1, Torino")
    info.add_itxt("Description", "Casa di Mario", zip=True)
    image = Image.new("RGBA", (40, 30), (10, 200, 30, 128))
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info, exif=exif_with_gps())
    return output.getvalue()


def webp_with_gps():
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(output, format="WEBP", lossless=True, exif=exif_with_gps())
    return output.getvalue()


def svg():
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def metadata_of(data):
    """What a reader of the file could learn besides the pixels: EXIF tags, GPS, PNG text, XMP."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        exif = image.getexif()
        return {
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(ExifTags.IFD.GPSInfo)),
            "text": dict(getattr(image, "text", {}) or {}),
            "info": sorted(key for key in image.info if key in {"exif", "xmp", "comment", "photoshop"}),
        }


def animation_with_metadata(image_format, **metadata):
    """Two frames, red then blue, with the given metadata (exif=…, comment=…)."""
    first, second = Image.new("RGB", (20, 20), "red"), Image.new("RGB", (20, 20), "blue")
    output = io.BytesIO()
    first.save(output, format=image_format, save_all=True, append_images=[second], duration=100, loop=0, **metadata)
    return output.getvalue()


# --- Metadata where a check of Pillow's information does not look: built from raw bytes ----------------------

# What a leaked position and author look like; the tests look for these bytes in the stored original.
HIDDEN = b"GPSLatitude=45.0706 GPSLongitude=7.6868 Artist=Mario Rossi"


def srgb_profile():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def picture(mode="RGB", size=(48, 32)):
    """Left half red, right half blue (in ``mode``): a picture whose pixels a test can compare."""
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    return image.convert(mode)


def jpeg_of(mode="RGB", **options):
    output = io.BytesIO()
    picture(mode).save(output, format="JPEG", quality=90, **options)
    return output.getvalue()


def with_jpeg_segment(data, marker, payload):
    """``data``, a JPEG, with an APPn (or any) segment of ``payload`` right after its start-of-image marker."""
    return data[:2] + bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload + data[2:]


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_picture(**options):
    output = io.BytesIO()
    picture("RGBA").save(output, format="PNG", **options)
    return output.getvalue()


def png_with_chunk(kind, payload, **options):
    """A PNG of ``picture()`` with a ``kind`` chunk of ``payload`` just before its IEND."""
    data = png_picture(**options)
    return data[:-12] + png_chunk(kind, payload) + data[-12:]


def gif_extension(label, payload, identifier=b""):
    """A GIF extension block: an application's (label 0xFF, with its 11-byte identifier) or a comment (0xFE)."""
    head = bytes([len(identifier)]) + identifier if identifier else b""
    blocks = b"".join(bytes([len(payload[i : i + 255])]) + payload[i : i + 255] for i in range(0, len(payload), 255))
    return b"\x21" + bytes([label]) + head + blocks + b"\x00"


def animated_gif():
    """Two frames, red then blue, looping."""
    output = io.BytesIO()
    Image.new("P", (20, 20), 1).save(
        output, format="GIF", save_all=True, append_images=[Image.new("P", (20, 20), 2)], duration=100, loop=0
    )
    return output.getvalue()


def gif_before_trailer(block):
    data = animated_gif()
    return data[:-1] + block + data[-1:]


def webp_picture():
    """A lossy WebP with a colour profile (so an extended one, VP8X)."""
    output = io.BytesIO()
    picture().save(output, format="WEBP", quality=80, icc_profile=srgb_profile())
    return output.getvalue()


def webp_with_chunk(kind, payload):
    """``webp_picture()`` with a ``kind`` chunk of ``payload`` appended in its RIFF."""
    data = webp_picture()
    chunk = kind + struct.pack("<I", len(payload)) + payload + b"\0" * (len(payload) & 1)
    body = data[12:] + chunk
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body
