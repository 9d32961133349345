"""Early access: accredited journalists read embargoed releases, jurors review the draft dossier.

- ``Recipient``: an accredited person (journalist or juror), a snippet under moderation: Editors propose,
  Moderators approve. Only a live (approved) and active recipient can be given access.
- ``Grant``: one recipient's personal link to one release (every language of it, by ``translation_key``) or
  one dossier. The link carries a long random token; only its SHA-256 is stored, so the database never holds
  a working link, and it is looked up by that digest (an indexed equality, whatever the token says).
  A grant keeps the revision of each translation that was the latest when the Moderator gave access: that is what
  the recipient reads until the page is published (``Grant.revisions``), never a draft saved after it.
- ``Opening``: every time a link is opened (page, print view or PDF), kept for the Moderators' audit even when
  the grant or the recipient is deleted later (names copied, not only linked).
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Page, Revision, RevisionMixin, WorkflowMixin
from wagtail.search import index

from base.stored_pdf import StoredPdf
from candidacy.models import DossierPage
from news.models import NewsPage

# 32 random bytes: 43 URL-safe characters, 256 bits. The address pattern accepts exactly this shape.
TOKEN_BYTES = 32
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"  # noqa: S105 (the shape of a token, not a secret)


# Compared with the token's digest when no grant has it, so that an unknown token costs the comparison too.
_NO_DIGEST = "0" * 64


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Recipient(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """An accredited journalist or juror, who may be given personal early-access links."""

    # No public page shows these rows: saving one must not renew the page cache (base/cache_invalidation.py).
    shows_on_public_pages = False

    JOURNALIST = "journalist"
    JUROR = "juror"
    KIND_CHOICES = [(JOURNALIST, _("Journalist")), (JUROR, _("Juror"))]

    name = models.CharField(_("name"), max_length=160, help_text=_("As it will appear on what they open."))
    organisation = models.CharField(_("organisation"), max_length=200, help_text=_("Newspaper, agency or jury."))
    email = models.EmailField(_("email"), help_text=_("Where the personal links are sent."))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails, and of the page they open first when it is translated."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES, default=JOURNALIST)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick when the accreditation ends: no new access can be given, and their links stop working."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("language")]),
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("active")], heading=_("Accreditation")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.SearchField("email"),
    ]

    class Meta:
        verbose_name = _("early-access recipient")
        verbose_name_plural = _("early-access recipients")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def may_receive(self):
        """Approved by a Moderator (live) and accredited now (active)."""
        return self.live and self.active


class GrantQuerySet(models.QuerySet):
    def valid(self, now=None):
        """Grants whose link works now: not revoked, not expired, for a live and active recipient."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, recipient__live=True, recipient__active=True)

    def ended(self, now=None):
        """Grants whose link will never work again: revoked, or past their "valid until"."""
        now = now or timezone.now()
        return self.filter(models.Q(revoked_at__isnull=False) | models.Q(expires_at__lte=now))

    def for_release(self, page):
        """The grants of ``page``'s release or dossier, in every language."""
        return self.filter(translation_key=page.translation_key)


class Grant(models.Model):
    """One recipient's personal link to one embargoed release (all its languages) or one draft dossier."""

    # No public page shows these rows: saving one must not renew the page cache (base/cache_invalidation.py).
    shows_on_public_pages = False

    RELEASE = "release"
    DOSSIER = "dossier"
    SUBJECT_CHOICES = [(RELEASE, _("Embargoed press release")), (DOSSIER, _("Draft candidacy dossier"))]

    recipient = models.ForeignKey(
        Recipient, on_delete=models.CASCADE, related_name="grants", verbose_name=_("recipient")
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    # Every translation of the page is reachable through the same link.
    translation_key = models.UUIDField(editable=False, db_index=True)
    subject = models.CharField(_("what"), max_length=16, choices=SUBJECT_CHOICES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    # The version of each translation the recipient reads while it is not published: the latest revision when the
    # Moderator gave access, which is what they had in front of them. Not "the latest approved revision": in
    # Wagtail's workflow approving a page publishes it, so a draft dossier has no approved revision until it is
    # public. A revision saved later (an Editor's change, an autosave) reaches the recipient only through a new grant.
    revisions = models.ManyToManyField(
        Revision, related_name="+", blank=True, editable=False, verbose_name=_("versions shown")
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("early-access grant")
        verbose_name_plural = _("early-access grants")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.recipient.name}: {self.page.title}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            self.keep_versions_shown()

    def keep_versions_shown(self):
        """Keep the latest revision of each translation now as what the recipient reads (see ``revisions``)."""
        pages = Page.objects.filter(translation_key=self.translation_key, latest_revision__isnull=False)
        self.revisions.set(Revision.objects.filter(pk__in=pages.values("latest_revision")))

    def versions_read(self, pages):
        """What the recipient reads of each translation, for the Moderators' list: [{page, revision, published,
        changed}] in ``pages``' order (the page's translations, with ``live_revision`` and ``latest_revision``).

        A release once published is read as published (``published``: its live revision); anything else as the
        revision given. ``changed``: the page has a newer revision than that, which the recipient does not see (a
        published release's reaches them once a Moderator publishes it).
        """
        given = self.shown_revisions()
        versions = []
        for page in pages:
            published = self.subject == self.RELEASE and page.live
            revision = page.live_revision if published else given.get(page.pk)
            if revision is not None or published:  # a page published without a revision (a script's) has none
                changed = revision is not None and page.latest_revision_id != revision.pk
                versions.append({"page": page, "revision": revision, "published": published, "changed": changed})
        return versions

    def shown_revisions(self):
        """{page id: the revision the recipient reads} of the translations that had one when access was given."""
        return {int(revision.object_id): revision for revision in self.revisions.all()}

    # --- the token ---------------------------------------------------------------------------------

    def new_token(self):
        """Give the grant a new link and return its token: shown once, never stored (only its digest)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self.token_hash = token_digest(token)
        return token

    @classmethod
    def find(cls, token):
        """The grant whose link carries ``token``, valid or not, or None.

        The same work whatever the token: one SHA-256, one query by that digest (an indexed equality, so the
        database compares digests, never a prefix of the token), with the recipient and the page joined so that
        deciding whether the link works needs no further query (``opens``), and one constant-time comparison,
        made against a stand-in digest when no row matched.
        """
        digest = token_digest(token)
        grant = cls.objects.select_related("recipient", "page").filter(token_hash=digest).first()
        stored = grant.token_hash if grant is not None else _NO_DIGEST
        if not hmac.compare_digest(stored, digest) or grant is None:
            return None
        return grant

    @property
    def opens(self):
        """Whether the link may open anything: not revoked, and its page of the kind given (from the row alone)."""
        return not self.is_revoked and issubclass(self.page.specific_class or Page, subject_model(self.subject))

    # --- state -------------------------------------------------------------------------------------

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_valid(self):
        return not self.is_revoked and not self.is_expired and self.recipient.may_receive

    @property
    def status(self):
        if self.is_revoked:
            return _("revoked")
        if self.is_expired:
            return _("expired")
        if not self.recipient.may_receive:
            return _("recipient not active")
        return _("valid")

    def revoke(self, user):
        self.revoked_at = timezone.now()
        self.revoked_by = user
        self.save(update_fields=["revoked_at", "revoked_by"])
        self.delete_pdfs()

    def delete_pdfs(self):
        """Delete the grant's PDFs: they carry the recipient's name and are no longer given to anyone.

        A PDF is kept in its row (``StoredPdf.pdf``), not in the media storage, so deleting the rows deletes it.
        """
        deleted, _by_model = self.pdf_versions.all().delete()
        return deleted


def subject_model(subject):
    """The page type a grant's subject can be: news pages for releases, dossier pages for dossiers."""
    return {Grant.RELEASE: NewsPage, Grant.DOSSIER: DossierPage}[subject]


def subject_of(page):
    """What early access ``page`` may be given as (Grant.RELEASE or Grant.DOSSIER), or None.

    A press release while its release is under embargo; a candidacy dossier while it is not public yet or
    has changes not yet published. Nothing else: every other page is public or a draft for editors only.
    """
    page = page.specific
    if isinstance(page, NewsPage):
        return Grant.RELEASE if page.is_press_release and page.is_embargoed else None
    if isinstance(page, DossierPage):
        return Grant.DOSSIER if not page.live or page.has_unpublished_changes else None
    return None


class Opening(models.Model):
    """One opening of an early-access link: who, when, in which language, what."""

    # No public page shows these rows: saving one must not renew the page cache (base/cache_invalidation.py).
    shows_on_public_pages = False

    PAGE = "page"
    PRINT = "print"
    PDF = "pdf"
    DOCUMENT = "document"
    WHAT_CHOICES = [(PAGE, _("page")), (PRINT, _("print-ready view")), (PDF, _("PDF")), (DOCUMENT, _("document"))]

    grant = models.ForeignKey(Grant, null=True, on_delete=models.SET_NULL, related_name="openings")
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, db_index=True)
    recipient_name = models.CharField(_("recipient"), max_length=160)
    recipient_organisation = models.CharField(_("organisation"), max_length=200)
    recipient_email = models.EmailField(_("email"))
    page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    page_title = models.CharField(_("page"), max_length=255)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    what = models.CharField(_("what"), max_length=16, choices=WHAT_CHOICES)

    class Meta:
        verbose_name = _("early-access opening")
        verbose_name_plural = _("early-access openings")
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return f"{self.recipient_name} · {self.page_title} · {self.opened_at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, grant, page, what):
        recipient = grant.recipient
        return cls.objects.create(
            grant=grant,
            recipient_name=recipient.name,
            recipient_organisation=recipient.organisation,
            recipient_email=recipient.email,
            page=page,
            page_title=page.title,
            language=page.locale.language_code,
            what=what,
        )


class GrantPdf(StoredPdf):
    """One version of a draft dossier's PDF for one grant: the recipient's name on every page, the links under
    their token. Built and kept as the public PDF is (base/stored_pdf.py); the grant's older versions go when
    a newer one is ready, all of them when the grant is revoked, expires (on its next opening, or by
    ``manage.py delete_ended_early_access_pdfs``) or is deleted. A grant's row rather than a page's, so
    that the public PDF and each recipient's do not replace one another.
    """

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="pdf_versions")

    class Meta:
        verbose_name = _("early-access dossier PDF")
        verbose_name_plural = _("early-access dossier PDFs")

    def __str__(self):
        return f"grant {self.grant_id} · {self.digest[:12]} · {self.state}"


def delete_ended_pdfs(now=None):
    """Delete the PDFs of every grant revoked or expired and return how many went.

    A build still running for one of them stores nothing afterwards: its update matches no row.
    """
    deleted, _by_model = GrantPdf.objects.filter(grant__in=Grant.objects.ended(now)).delete()
    return deleted
