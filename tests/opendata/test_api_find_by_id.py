"""/api/v2/pages/find/?id= and the detail view with ids the database cannot look up: a 400 (or 404), never a 500.

Wagtail hands ``?id=`` to ``queryset.get()`` as typed: "abc", "1.5", "", "1e3" raised ValueError (a 500) and an id
past the database's integers OverflowError on SQLite. The README promises that a parameter the API cannot use
answers 400, with the API's usual error JSON.
"""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "1.5", "", "1e3", "%ff", "99999999999999999999", "0x1"])
def test_find_by_an_id_that_is_not_one_answers_400(client, project, value):
    response = client.get(f"/api/v2/pages/find/?id={value}")

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith("find error.")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_find_by_a_real_id_still_redirects_and_a_missing_one_is_404(client, project):
    found = client.get("/api/v2/pages/find/", {"id": project.pk})
    missing = client.get("/api/v2/pages/find/", {"id": "-1"})

    assert found.status_code == 302
    assert found["Location"].startswith(f"http://localhost/api/v2/pages/{project.pk}/")
    assert missing.status_code == 404
    assert missing.json() == {"message": "not found"}


@pytest.mark.django_db
@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "2147483648"])
def test_detail_of_an_id_past_every_page_is_404(client, project, pk):
    response = client.get(f"/api/v2/pages/{pk}/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "message" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999"])
def test_listing_filtered_by_an_id_that_is_not_one_answers_400(client, project, value):
    response = client.get("/api/v2/pages/", {"id": value})

    assert response.status_code == 400, response.content
    assert "message" in response.json()
