"""An alias shows its original's content, so it is exactly as private as the original: a view restriction on the
original or on a section above it applies to every alias of it, wherever the alias stands (base/models.py
``private_pages_exists`` and ``view_restrictions``). Wagtail maps an alias to its original's own restrictions only,
and its ``public()`` and API follow the tree by path: an alias, in a public section, of a page in a private one was
served to anyone, and listed by the API, the search, the sitemap, the news listings and feeds."""

import pytest
from wagtail.models import Page, PageViewRestriction

from base.models import private_pages_q, public_pages
from tests import factories

TITLE = "Verbale riservato Sigma"
BODY = "cifrasegretissima"


@pytest.fixture
def aliased(home_page):
    """(the private section, the original in it, a public section, the original's alias there)."""
    private_section = factories.StandardPageFactory(parent=home_page, title="Area riservata", slug="area-riservata")
    original = factories.StandardPageFactory(
        parent=private_section, title=TITLE, slug="verbale", body=[factories.paragraph(f"<p>Il bilancio: {BODY}.</p>")]
    )
    public_section = factories.StandardPageFactory(parent=home_page, title="Documenti", slug="documenti")
    alias = original.create_alias(parent=public_section, update_slug="verbale-alias")
    return private_section, original, public_section, alias


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="segreto")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_an_alias_of_a_page_in_a_private_section_is_not_served(client, aliased, kind):
    private_section, _original, public_section, alias = aliased
    # A restriction elsewhere leaves the alias public: only one above its original counts.
    restrict(factories.StandardPageFactory(parent=public_section.get_parent(), title="Altro", slug="altro"), kind)
    assert BODY in client.get("/documenti/verbale-alias/").content.decode()
    restrict(private_section, kind)

    response = client.get("/documenti/verbale-alias/")

    assert response.status_code == (302 if kind == PageViewRestriction.LOGIN else 200)
    assert BODY not in response.content.decode()
    if kind == PageViewRestriction.LOGIN:
        assert "login" in response["Location"]
    else:
        assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_the_password_of_the_section_above_the_original_opens_the_alias(client, aliased):
    private_section, _original, _public_section, alias = aliased
    restriction = restrict(private_section)

    form = client.get("/documenti/verbale-alias/").content.decode()
    assert f"/_util/authenticate_with_password/{restriction.pk}/" in form
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{alias.pk}/",
        {"password": "segreto", "return_url": "/documenti/verbale-alias/"},
    )

    assert BODY in client.get("/documenti/verbale-alias/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("on", ["section", "original", "section, alias of an alias"])
def test_an_alias_of_a_private_page_is_not_listed_anywhere(client, aliased, on):
    private_section, original, public_section, alias = aliased
    if on == "section, alias of an alias":
        alias = alias.create_alias(parent=public_section, update_slug="verbale-alias-bis")
    restrict(original if on == "original" else private_section)

    leaks = []
    for address in (
        f"/api/v2/pages/{alias.pk}/",
        f"/api/v2/pages/?child_of={public_section.pk}&fields=title",
        "/api/v2/pages/?type=base.StandardPage&fields=body",
        f"/cerca/?q={BODY}",
        "/cerca/?q=sigma",
        "/sitemap.xml",
    ):
        body = client.get(address).content.decode()
        leaks += [(address, word) for word in (TITLE, BODY, "verbale-alias") if word in body and word not in address]
    assert not leaks
    assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 404
    assert not public_pages(Page.objects.filter(pk=alias.pk)).exists()


@pytest.mark.django_db
def test_a_page_under_an_alias_of_a_private_section_is_private(aliased, home_page):
    """A whole section aliased (its pages aliased with it), and a page an editor put under such an alias; the section
    made private afterwards (Wagtail copies a restriction to an alias only as it makes it)."""
    private_section, original, _public_section, _alias = aliased
    section_alias = private_section.create_alias(parent=home_page, update_slug="area-copia", recursive=True)
    added = factories.StandardPageFactory(parent=section_alias, title="Aggiunta", slug="aggiunta")
    restrict(private_section)

    copies = Page.objects.filter(path__startswith=section_alias.path)
    assert copies.count() == 3
    assert not copies.exclude(private_pages_q()).exists()
    assert added.specific.get_view_restrictions().get().page_id == private_section.pk


@pytest.mark.django_db
def test_an_alias_of_a_release_in_a_private_news_section_is_left_out_of_the_news_listing_and_feeds(
    client, news_index, english_home, locale_en, translate
):
    """The English news section lists an alias of an Italian release (as wagtail-localize's synchronised trees make
    them) while the Italian section is private."""
    english_index = translate(news_index, title="News", slug="news")
    release = factories.NewsPageFactory(parent=news_index, title=TITLE, slug="comunicato-sigma")
    release.create_alias(parent=english_index, update_locale=locale_en)
    restrict(news_index)

    for address in ("/en/news/", "/en/news/feed/rss/", "/en/news/feed/atom/", "/en/"):
        assert TITLE not in client.get(address).content.decode(), address


def _oracle(pages, restricted_ids):
    """Whether each page is private, by the rule spelled out in Python: a restriction on the page or an ancestor, or,
    for the page or an ancestor that is an alias, whether its original is private, along any chain of aliases."""
    by_path = {page.path: page for page in pages}
    by_id = {page.pk: page for page in pages}

    def chain(page):
        return [by_path[page.path[:end]] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]

    def private(page, seen=frozenset()):
        if page.pk in seen:
            return False
        return any(
            above.pk in restricted_ids
            or (above.alias_of_id is not None and private(by_id[above.alias_of_id], seen | {page.pk}))
            for above in chain(page)
        )

    return {page.pk: private(page) for page in pages}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(8))
def test_the_private_section_rule_holds_on_any_tree_in_sql_and_in_python(home_page, seed):
    """Random trees of sections, aliases (of single pages and of whole sections) and restrictions: the subquery every
    listing uses (``private_pages_exists``), the per-page lookup (``view_restrictions``) and the rule agree on every
    page."""
    import random

    from base.models import private_pages_exists, view_restrictions

    rng = random.Random(seed)
    pages = [home_page]
    for n in range(14):
        parent = rng.choice(pages)
        pages.append(factories.StandardPageFactory(parent=parent, title=f"Pagina {n}", slug=f"pagina-{seed}-{n}"))
    for n in range(6):
        # Aliases of pages, of whole sections, of aliases, and of pages under aliases; pages added under aliases.
        original = rng.choice(pages[1:])
        parent = rng.choice([page for page in pages if not page.path.startswith(original.path)])
        if n % 3 == 2:
            factories.StandardPageFactory(parent=parent, title=f"Aggiunta {n}", slug=f"aggiunta-{seed}-{n}")
        else:
            original.create_alias(parent=parent, update_slug=f"alias-{seed}-{n}", recursive=rng.random() < 0.5)
        pages = list(Page.objects.filter(path__startswith=home_page.path))
    restricted_ids = set()
    for page in rng.sample(pages[1:], 3):
        restrict(page, rng.choice([PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD]))
        restricted_ids.add(page.pk)

    pages = list(Page.objects.order_by("path"))  # the whole tree: the root and the home page are ancestors too
    expected = _oracle(pages, restricted_ids)
    in_sql = dict(
        Page.objects.filter(pk__in=expected).annotate(private=private_pages_exists()).values_list("pk", "private")
    )
    in_python = {page.pk: view_restrictions(page).exists() for page in pages}

    assert any(expected.values()) and not all(expected.values())
    assert in_sql == expected
    assert in_python == expected
    assert set(public_pages(Page.objects.filter(pk__in=expected)).values_list("pk", flat=True)) == {
        pk for pk, private in expected.items() if not private
    }


@pytest.mark.django_db
def test_an_alias_of_an_alias_of_a_private_page_is_private(client, aliased):
    private_section, _original, public_section, alias = aliased
    second = alias.create_alias(parent=public_section, update_slug="verbale-alias-2")  # Wagtail allows it
    restrict(private_section)

    assert not public_pages(Page.objects.filter(pk__in=[alias.pk, second.pk])).exists()
    assert BODY not in client.get("/documenti/verbale-alias-2/").content.decode()


@pytest.mark.django_db
def test_an_alias_of_a_page_added_under_an_alias_of_a_private_section_is_private(client, aliased, home_page):
    private_section, _original, _public_section, _alias = aliased
    section_alias = private_section.create_alias(parent=home_page, update_slug="area-copia", recursive=True)
    added = factories.StandardPageFactory(
        parent=section_alias, title="Aggiunta", slug="aggiunta", body=[factories.paragraph(f"<p>{BODY}</p>")]
    )
    again = added.create_alias(parent=home_page, update_slug="ancora")
    restrict(private_section)

    assert not public_pages(Page.objects.filter(pk=again.pk)).exists()
    assert again.specific.get_view_restrictions().get().page_id == private_section.pk
    assert BODY not in client.get("/ancora/").content.decode()


@pytest.mark.django_db
def test_a_signed_in_reader_sees_through_the_api_what_their_restrictions_let_them_and_no_alias_of_the_rest(
    client, django_user_model, aliased, home_page
):
    """Signed in, a reader passes "login" restrictions, not a password they never typed: the API lists the pages of the
    first and of their aliases, and no alias (of an alias) of the second's."""
    private_section, _original, public_section, alias = aliased
    second = alias.create_alias(parent=public_section, update_slug="verbale-alias-bis")
    restrict(private_section)  # a password
    members = factories.StandardPageFactory(parent=home_page, title="Soci", slug="soci")
    members_page = factories.StandardPageFactory(parent=members, title="Circolare soci", slug="circolare")
    members_alias = members_page.create_alias(parent=public_section, update_slug="circolare-copia")
    restrict(members, PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user("lettore", password="x"))

    listed = {item["id"] for item in client.get("/api/v2/pages/", {"limit": 20}).json()["items"]}

    assert {members_page.pk, members_alias.pk} <= listed
    assert not {alias.pk, second.pk} & listed
    assert client.get(f"/api/v2/pages/{second.pk}/").status_code == 404
