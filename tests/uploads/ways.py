"""The three ways the admin uploads an image or a document, for tests that must hold on each: the add form,
"Add images/documents" (several at once, answered in JSON) and the chooser's upload tab (answered in JSON)."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def upload_ways(app, kind, **file_options):
    """``add_single``, ``add_multiple`` and ``add_from_chooser`` for ``app`` ("wagtailimages", "wagtaildocs")
    and its chooser's form prefix ``kind`` ("image", "document"); each posts (client, name, data)."""

    def upload(name, data):
        return SimpleUploadedFile(name, data, **file_options)

    def add_single(client, name, data):
        return client.post(reverse(f"{app}:add"), {"title": name, "file": upload(name, data)})

    def add_multiple(client, name, data):
        return client.post(reverse(f"{app}:add_multiple"), {"files[]": upload(name, data)})

    def add_from_chooser(client, name, data):
        prefix = f"{kind}-chooser-upload"
        return client.post(
            reverse(f"{app}_chooser:create"), {f"{prefix}-title": name, f"{prefix}-file": upload(name, data)}
        )

    add_multiple.answers_json = add_from_chooser.answers_json = True
    add_from_chooser.is_chooser = True
    return add_single, add_multiple, add_from_chooser


def error_text(way, response):
    """The form error the editor reads, whatever the way of uploading."""
    assert response.status_code == 200
    if getattr(way, "is_chooser", False):
        answer = json.loads(response.content)
        assert answer["step"] == "reshow_creation_form"
        return answer["htmlFragment"]
    if getattr(way, "answers_json", False):
        answer = response.json()
        assert answer["success"] is False
        return answer["error_message"]
    return response.content.decode()
