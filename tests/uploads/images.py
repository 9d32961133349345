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
