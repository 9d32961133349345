"""The press room tells journalists how early access works and how to be accredited, in both languages."""

import pytest
from bs4 import BeautifulSoup

from tests import factories


@pytest.mark.django_db
def test_the_press_room_explains_accreditation_in_each_language(client, home_page, translate):
    press_room = factories.PressRoomPageFactory(parent=home_page)
    english = translate(press_room, title="Press room", slug="press-room")

    for page, heading, words in (
        (press_room, "Accesso anticipato per i giornalisti accreditati", "Per essere accreditato"),
        (english, "Early access for accredited journalists", "To be accredited"),
    ):
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        section = html.find(id="press-accreditation").find_parent("section")
        assert section.find("h2").get_text(strip=True) == heading
        assert words in section.get_text()
        # No link to any early-access address from a public page.
        assert "/anteprima/" not in str(html)
