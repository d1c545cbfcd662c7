"""Buttons look like buttons: Sign out in the header, a coordinator's up and down arrows;
and the header's Manage item leads a coordinator to the pages they run the site with."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

# What a GOV.UK button has and a link has not: a filled background and a shadow beneath.
LOOKS = """(el) => {
  const style = getComputedStyle(el);
  return {background: style.backgroundColor, shadow: style.boxShadow,
          underline: style.textDecorationLine, height: el.getBoundingClientRect().height};
}"""
TRANSPARENT = "rgba(0, 0, 0, 0)"


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("button", has_text="Sign out")).to_have_count(1)


def assert_looks_like_a_button(locator):
    looks = locator.evaluate(LOOKS)
    assert looks["background"] != TRANSPARENT, looks
    assert looks["shadow"] != "none", looks
    assert "underline" not in looks["underline"], looks
    assert 24 <= looks["height"] <= 44, looks  # small, but a finger's width


def test_sign_out_and_the_move_arrows_look_like_buttons(page, cast_live):
    sign_in(page, "coordinator")
    page.goto("/years/2011-12/priorities/1/")
    assert_looks_like_a_button(page.get_by_role("button", name="Sign out"))
    assert_looks_like_a_button(page.get_by_role("button", name="Move row 2 up"))
    assert_looks_like_a_button(page.get_by_role("button", name="Move row 2 down"))
    # The arrows still move the row: row 2's action becomes row 1.
    second = page.locator("tbody tr", has=page.get_by_role("button", name="Move row 2 up"))
    moved = second.get_by_role("link").first.inner_text()
    page.get_by_role("button", name="Move row 2 up").click()
    expect(page.locator("tbody tr").first).to_contain_text(moved)


def test_a_coordinator_finds_the_manage_page_in_the_header(page, cast_live):
    sign_in(page, "coordinator")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Manage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage")
    page.get_by_role("link", name="Start a year").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Start")


def test_signing_out_with_the_button_signs_out(page, cast_live):
    sign_in(page, "councillor")
    assert page.url.endswith("/wards/")  # the ward figures: the councillor's page
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
