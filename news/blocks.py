"""The press room's media kit: photos and logos with credit and licence, documents to download.

A StreamField rather than inline models so that wagtail-localize offers captions and descriptions
for translation, and a translator can swap a document for its English edition.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# (value, label, URL of the licence's terms)
LICENCES = [
    ("cc-by-4.0", _("CC BY 4.0: free to reuse, crediting the author"), "https://creativecommons.org/licenses/by/4.0/"),
    (
        "cc-by-sa-4.0",
        _("CC BY-SA 4.0: free to reuse, crediting the author and sharing alike"),
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    ("cc0", _("CC0 1.0: public domain"), "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("editorial", _("Editorial use only, crediting the author"), ""),
]
LICENCE_URLS = {value: url for value, _label, url in LICENCES}
LICENCE_LABELS = {value: label for value, label, _url in LICENCES}


class LicenceStructValue(blocks.StructValue):
    def licence_label(self):
        return LICENCE_LABELS.get(self.get("licence"), "")

    def licence_url(self):
        return LICENCE_URLS.get(self.get("licence"), "")


class MediaKitImageBlock(blocks.StructBlock):
    """A photo or a logo journalists may download and publish, with who made it and on what terms."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(max_length=250, label=_("Caption"), help_text=_("What the image shows."))
    credit = blocks.CharBlock(max_length=160, label=_("Credit"), help_text=_("Who to credit when publishing it."))
    licence = blocks.ChoiceBlock(
        choices=[(value, label) for value, label, _url in LICENCES], default="cc-by-4.0", label=_("Licence")
    )

    class Meta:
        icon = "image"
        template = "blocks/media_kit_image_block.html"
        description = _("A photo or logo to download, with caption, credit and licence")
        value_class = LicenceStructValue


class MediaKitLogoBlock(MediaKitImageBlock):
    """A logo: the same facts as a photo, previewed as PNG so that transparency survives."""

    class Meta:
        icon = "image"
        template = "blocks/media_kit_logo_block.html"
        description = _("A logo to download, with credit and licence")
        value_class = LicenceStructValue


class MediaKitDocumentBlock(blocks.StructBlock):
    """A fact sheet, a dossier or another file to download."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(max_length=160, label=_("Title"))
    description = blocks.CharBlock(required=False, max_length=300, label=_("Description"))

    class Meta:
        icon = "doc-full"
        template = "blocks/media_kit_document_block.html"
        description = _("A document to download, such as a fact sheet")


class MediaKitBlock(blocks.StreamBlock):
    photo = MediaKitImageBlock(label=_("Photo"))
    logo = MediaKitLogoBlock(label=_("Logo"))
    document = MediaKitDocumentBlock(label=_("Document"))
