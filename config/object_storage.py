"""Media in S3-compatible object storage (production with MEDIA_BUCKET set; docs/deploy.md, "Media").

Every app server reads and writes the same bucket, so an upload made through one is served by all at once.

- Originals (``original_images/``), documents (``documents/``) and everything else are **private**: readers never
  fetch them from the bucket. Pages show renditions; documents are served by the app (Wagtail's serve view,
  WAGTAILDOCS_SERVE_METHOD = "serve_view"), which checks the document's privacy and sends Content-Type,
  Content-Disposition and ``X-Content-Type-Options: nosniff`` itself. The admin gets short-lived signed URLs.
- Renditions (``images/``) are **public** and never change under their name (a new rendition gets a new name):
  served straight from the bucket, or from MEDIA_PUBLIC_URL (a CDN or Varnish in front of it), cached for a year.
- A bucket that does not answer is a missing file (``OSError``), as a missing file on disk is: Wagtail then shows a
  broken image instead of failing the page.
- Names are never reused: an upload called like an existing file gets a new name, as on disk (S3Storage would
  overwrite by default).
- Names cannot be guessed: every original and rendition is in a folder of its own with a random name, as on disk
  (``UnguessableImageNames``), so a public rendition is fetched only by someone who was shown its address.
"""

from botocore.exceptions import BotoCoreError, ClientError
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from config.media_storage import RefuseDecompressionBombs, UnguessableImageNames

PUBLIC_PREFIXES = ("images/",)
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"


def is_public(name):
    return name.replace("\\", "/").startswith(PUBLIC_PREFIXES)


class MediaStorage(UnguessableImageNames, RefuseDecompressionBombs, S3Storage):
    def __init__(self, public_url="", **settings):
        self.public_url = public_url.rstrip("/")
        super().__init__(**{"file_overwrite": False, "default_acl": "private", "querystring_expire": 300, **settings})

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if is_public(name):
            parameters.update(ACL="public-read", CacheControl=RENDITION_CACHE_CONTROL)
        else:
            parameters.update(ACL="private", CacheControl="private, no-store")
        return parameters

    def _open(self, name, mode="rb"):
        try:
            file = super()._open(name, mode)
            if "r" in mode:
                file.file  # noqa: B018 (downloads it now, so that a failure is raised here)
            return file
        except (BotoCoreError, ClientError) as error:
            raise OSError(f"{name}: the media storage did not give it ({type(error).__name__})") from error

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_public(name) and self.public_url:
            return f"{self.public_url}/{filepath_to_uri(self._normalize_name(name))}"
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
