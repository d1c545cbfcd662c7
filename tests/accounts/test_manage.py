"""The Manage page and the header's "Manage" item: every page a role may use is linked.

Nothing a user may do is reachable only by typing an address: each page without
parameters that a role may open is linked from the home page (its header and footer
included) or the Manage page, but for the exceptions listed here with their reasons.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.test_authorization import ROLES, url_names

SIGNED_IN = {"councillor", "partner", "coordinator", "administrator"}
EVERYONE = set(ROLES)

# URL name: (the roles it is not linked for, why).
NOT_LINKED = {
    "login": (SIGNED_IN, "signed in already; the header offers it to anyone signed out"),
    "password_reset": (EVERYONE, "linked from the sign-in page, where a forgotten password is"),
    "password_reset_done": (EVERYONE, "where the reset form leads once sent"),
    "password_reset_complete": (EVERYONE, "where the e-mailed reset link leads once used"),
    "password_change_done": (EVERYONE, "where the password form leads once sent"),
    "healthz": (EVERYONE, "for load balancers, not people"),
}


class Links(HTMLParser):
    def __init__(self, base):
        super().__init__()
        self.base = base
        self.paths = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A link, or a form that asks with GET (the header's search box) is a way there.
        if tag == "a" and attrs.get("href"):
            self.paths.add(urlsplit(urljoin(self.base, attrs["href"])).path)
        if tag == "form" and attrs.get("method", "get").lower() == "get" and attrs.get("action"):
            self.paths.add(urlsplit(urljoin(self.base, attrs["action"])).path)


def linked_paths(client, url) -> set[str]:
    response = client.get(url)
    if response.status_code != 200:
        return set()
    parser = Links(url)
    parser.feed(response.content.decode())
    return parser.paths


def pages_without_parameters() -> dict[str, str]:
    pages = {}
    for name in sorted(url_names()):
        name = "admin:index" if name == "admin:*" else name
        try:
            pages[name] = reverse(name)
        except NoReverseMatch:
            continue  # it needs arguments: reached from the page of what it shows
    return pages


def client_for(cast, role):
    client = Client()
    if getattr(cast, role):
        client.force_login(getattr(cast, role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_may_open_is_linked_from_the_home_page_or_the_manage_page(
    role, cast, ward_figures
):
    client = client_for(cast, role)
    linked = linked_paths(client, reverse("reports:home")) | linked_paths(client, reverse("manage"))
    unlinked = {}
    for name, path in pages_without_parameters().items():
        if client.get(path).status_code != 200:
            continue
        if name in NOT_LINKED and role in NOT_LINKED[name][0]:
            continue
        if path not in linked:
            unlinked[name] = path
    assert unlinked == {}


def test_the_exceptions_are_pages_that_exist_and_need_no_parameters():
    assert set(NOT_LINKED) <= set(pages_without_parameters())


def test_the_manage_item_is_in_the_header_of_exactly_those_who_may_open_the_page(
    cast, ward_figures
):
    for role in ROLES:
        client = client_for(cast, role)
        may_open = client.get(reverse("manage")).status_code == 200
        in_header = f'href="{reverse("manage")}">Manage</a>' in client.get("/").content.decode()
        assert (role, in_header) == (role, may_open)
        assert may_open == (role in ("coordinator", "administrator"))


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_the_manage_page_links_only_pages_the_role_may_open(role, cast, ward_figures):
    client = client_for(cast, role)
    linked = linked_paths(client, reverse("manage"))
    assert reverse("audit:audit_list") in linked
    for path in linked:
        assert client.get(path).status_code == 200, path


def test_the_manage_page_says_what_each_page_is_for(client, cast):
    client.force_login(cast.coordinator)
    html = client.get(reverse("manage")).content.decode()
    assert '<h1 class="govuk-heading-xl">Manage</h1>' in html
    assert "Start the next reporting year, carrying forward the unfinished actions." in html
    assert "Every change to the data and to accounts" in html
    # An administrator's pages are not a coordinator's.
    assert reverse("reports:year_import") not in html
    assert reverse("stats:import_list") not in html
    assert reverse("admin:index") not in html


def test_an_administrator_finds_the_imports_and_the_admin_site(client, cast):
    client.force_login(cast.administrator)
    html = client.get(reverse("manage")).content.decode()
    for name in (
        "reports:year_import",
        "stats:import_list",
        "stats:import_create",
        "stats:import_lookup",
        "stats:import_populations",
        "stats:import_district_populations",
        "admin:index",
    ):
        assert f'href="{reverse(name)}"' in html, name
