"""A tiny writer of text-only PDF files, for the demo fact sheets.

Real text (selectable, searchable, read aloud by screen readers) in the PDF core fonts Helvetica
and Helvetica-Bold, A4 pages, lines wrapped to the page. Enough for a one-page fact sheet without
a PDF library among the site's dependencies.
"""

import textwrap
from datetime import UTC, datetime

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
# style -> (font resource, size, leading, characters per line, space before)
STYLES = {
    "title": ("F2", 20, 26, 48, 0),
    "heading": ("F2", 13, 18, 75, 10),
    "text": ("F1", 10.5, 15, 95, 2),
    "item": ("F1", 10.5, 15, 90, 0),
}


def _pdf_string(text):
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _layout(blocks):
    """[(style, text)] -> pages, each a list of (font, size, x, y, text)."""
    pages, lines, y = [], [], PAGE_HEIGHT - MARGIN
    for style, text in blocks:
        font, size, leading, width, before = STYLES[style]
        prefix, indent = ("• ", 12) if style == "item" else ("", 0)
        wrapped = textwrap.wrap(text, width) or [""]
        y -= before
        for number, line in enumerate(wrapped):
            if y < MARGIN + leading:
                pages.append(lines)
                lines, y = [], PAGE_HEIGHT - MARGIN
            y -= leading
            shown = (prefix + line) if number == 0 else line
            lines.append((font, size, MARGIN + (indent if number else 0), y, shown))
    pages.append(lines)
    return pages


def text_pdf(title, blocks, *, author, language):
    """The bytes of a PDF document; ``blocks`` is a list of (style, text), style in STYLES."""
    pages = _layout(blocks)
    objects = []  # object number n is objects[n - 1]

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_id = add(None)
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for lines in pages:
        stream = b"".join(
            b"BT /%s %g Tf %g %g Td %s Tj ET\n" % (font.encode(), size, x, y, _pdf_string(text))
            for font, size, x, y, text in lines
        )
        content = add(b"<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, content, regular, bold)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R /Lang %s >>" % (pages_id, _pdf_string(language))
    kids = b" ".join(b"%d 0 R" % page for page in page_ids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    created = datetime(2024, 11, 13, tzinfo=UTC).strftime("D:%Y%m%d%H%M%SZ").encode()  # fixed: same bytes each run
    info = add(
        b"<< /Title %s /Author %s /Producer (Torino Innovation) /CreationDate (%s) >>"
        % (_pdf_string(title), _pdf_string(author), created)
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)
