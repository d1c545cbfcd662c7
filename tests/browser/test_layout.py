"""Layout: nothing scrolls sideways on a phone, the menu opens, tables stay readable."""

import re

import pytest
from playwright.sync_api import expect

from .support import PAGE_KINDS, PHONE, site_pages, visit

pytestmark = pytest.mark.browser

WIDEST_ELEMENTS = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
      + ` (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
}"""


# 375px: a phone. 641px and 769px: where tables stop being cards (GOV.UK's tablet breakpoint)
# and where cells get their minimum width (desktop), the narrowest widths of each layout.
# The table pages at 375px are checked by the test of every width further down; an action's
# page has no table, so its layout at 769px is its layout at 641px with more room.
LEFT_TO_OTHERS = {
    375: {"priorities", "agencies", "linked work", "crime figures"},
    641: set(),
    769: {"actions"},
}


@pytest.mark.parametrize("width", [375, 641, 769])
def test_no_page_scrolls_sideways_on_a_phone_or_a_tablet(new_page, report_live, width):
    page = new_page(viewport={"width": width, "height": 800})
    pages = site_pages(report_live)
    overflowing = []
    for kind in PAGE_KINDS:
        if kind in LEFT_TO_OTHERS[width]:
            continue
        for path in pages[kind]:
            visit(page, path, kind)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                culprits = ", ".join(page.evaluate(WIDEST_ELEMENTS))
                overflowing.append(f"{path}: {scroll_width}px wide; too wide: {culprits}")
    assert not overflowing, f"Pages wider than {width}px:\n" + "\n".join(overflowing)


def test_the_menu_button_opens_the_service_navigation_on_a_phone(new_page, report_live):
    page = new_page(viewport=PHONE)
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    agencies = page.get_by_role("navigation", name="Menu").get_by_role("link", name="Lead agencies")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(agencies).to_be_hidden()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(agencies).to_be_visible()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(agencies).to_be_hidden()

    menu.click()
    agencies.click()
    expect(page).to_have_url(re.compile(r"/agencies/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lead agencies")
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_service_navigation_shows_its_links_on_a_phone(
    new_page, report_live
):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto("/")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ("Priorities", "Lead agencies", "County crime table"):
        expect(navigation.get_by_role("link", name=name)).to_be_visible()


# Words in table headers, and short words in cells, that wrap mid-word ("Ye|ar", "2|0|1|1",
# "Ongoin|g"): the sign of a column squeezed to a sliver. A word of a run joined by slashes
# ("HFRS/Druglink/HCC") may still break where the browser finds no other wrap opportunity.
SPLIT_WORDS = """(maxLength, selector = "main table th, main table td") => {
  const split = [];
  for (const cell of document.querySelectorAll(selector)) {
    const runs = cell.innerText.split(/\\s+/);
    const slashed = new Set(runs.filter((run) => run.includes("/")).flatMap((r) => r.split("/")));
    const isHeader = cell.tagName === "TH";
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".govuk-visually-hidden")) continue;
      for (const match of node.textContent.matchAll(/[^\\s\\/\\-–]+/g)) {
        const word = match[0];
        if (!isHeader && (word.length > maxLength || slashed.has(word))) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + word.length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(`${word} (in "${cell.innerText.slice(0, 40)}")`);
      }
    }
  }
  return split;
}"""


# 1280px and wider: every word of these pages, by the test of every width further down.
@pytest.mark.parametrize("width", [1024])
def test_table_columns_are_not_squeezed_until_words_break_on_a_wide_screen(
    new_page, report_live, width
):
    page = new_page(viewport={"width": width, "height": 800})
    pages = site_pages(report_live)
    split = {}
    for kind in ("priorities", "agencies", "linked work", "crime figures"):
        for path in pages[kind]:
            visit(page, path, kind)
            if words := page.evaluate(SPLIT_WORDS, 8):
                split[path] = words
    assert not split, f"Words split across lines at {width}px:\n" + "\n".join(
        f"{path}: {', '.join(words[:8])}" for path, words in split.items()
    )


# Columns of figures: each header whose cells are right-aligned numbers, and its alignment.
NUMERIC_HEADERS = """() => [...document.querySelectorAll("main table")].flatMap((table) => {
  const headers = [...table.querySelectorAll("thead th")];
  const firstRow = table.querySelector("tbody tr");
  if (!firstRow) return [];
  return [...firstRow.children]
    .map((cell, i) => [cell, headers[i]])
    .filter(([cell]) => cell.classList.contains("govuk-table__cell--numeric"))
    .map(([, th]) => [th.innerText.replace("(sort)", "").trim(), getComputedStyle(th).textAlign]);
})"""


def test_headers_of_columns_of_figures_line_up_with_the_figures(page, report_live):
    pages = site_pages(report_live)
    misaligned = []
    for path in ["/agencies/", *pages["crime figures"]]:
        visit(page, path)
        headers = page.evaluate(NUMERIC_HEADERS)
        assert headers, f"{path} has no columns of figures"
        misaligned += [
            f"{path}: {name!r} is {align}" for name, align in headers if align != "right"
        ]
    assert not misaligned, "Headers not right-aligned over figures:\n" + "\n".join(misaligned)


# Issue 15, part 6: every table page and the report at a phone's width and two wide screens.
WIDTHS = [375, 1280, 1920]
TABLE_KINDS = ("priorities", "agencies", "linked work", "crime figures")
# All the text of a page: its table cells, paragraphs, list items and headings.
PAGE_TEXT = "main th, main td, main p, main li, main dt, main dd, main h1, main h2, main h3"


def tables_and_report(year) -> list[str]:
    pages = site_pages(year)
    return [path for kind in TABLE_KINDS for path in pages[kind]] + [f"/years/{year.slug}/report/"]


@pytest.mark.parametrize("width", WIDTHS)
def test_table_pages_and_the_report_fit_use_the_screen_and_never_break_a_word(
    new_page, report_live, width
):
    """Nothing wider than the screen; no word broken inside itself (a word longer than a
    phone's line may wrap there; none of the report's does); and on a wide screen GOV.UK's
    960 pixels widened to the screen less its margins, up to 1,440 pixels."""
    page = new_page(viewport={"width": width, "height": 900})
    split, too_wide, narrow = {}, [], []
    for path in tables_and_report(report_live):
        visit(page, path)
        if words := page.evaluate(SPLIT_WORDS, [10_000, PAGE_TEXT]):
            split[path] = words
        if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > width:
            too_wide.append(f"{path}: {scroll_width}px")
        main = page.locator("main").bounding_box()["width"]
        if width > 375 and main < min(width - 60, 1440) - 1:
            narrow.append(f"{path}: main is {main:.0f}px")
    assert not too_wide, f"Pages wider than {width}px: {too_wide}"
    assert not narrow, f"Table pages not using a {width}px screen:\n" + "\n".join(narrow)
    assert not split, f"Words broken inside themselves at {width}px:\n" + "\n".join(
        f"{path}: {', '.join(words[:8])}" for path, words in split.items()
    )


def test_on_a_phone_a_priority_shows_action_status_and_update_first(new_page, report_live):
    page = new_page(viewport=PHONE)
    visit(page, "/years/2011-12/priorities/1/")
    first = page.locator("main table tbody tr").first
    visible = [
        cell.get_attribute("data-label")
        for cell in first.locator("td").all()
        if cell.is_visible() and cell.inner_text().strip()
    ]
    tops = {
        cell.get_attribute("data-label"): cell.bounding_box()["y"]
        for cell in first.locator("td").all()
        if cell.is_visible()
    }
    assert visible[:1] == ["No."]
    assert sorted(visible[1:], key=tops.get)[:3] == ["Action", "Progress status", "Update"]
    for hidden in ("Lead agency", "Target", "Timescale"):
        expect(first.locator(f'td[data-label="{hidden}"]')).to_be_hidden()
    # The rest is a tap away: the action's page shows them.
    more = first.get_by_role("link", name=re.compile("^Lead agency, target and timescale"))
    expect(more).to_be_visible()
    more.click()
    expect(page.get_by_text("Lead agency", exact=False).first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Target")
    expect(page.locator("main")).to_contain_text("Timescale")


def test_on_a_wide_screen_a_priority_shows_every_column(new_page, report_live):
    page = new_page(viewport={"width": 1280, "height": 900})
    visit(page, "/years/2011-12/priorities/1/")
    first = page.locator("main table tbody tr").first
    for label in ("Action", "Lead agency", "Target", "Timescale", "Update", "Progress status"):
        expect(first.locator(f'td[data-label="{label}"]')).to_be_visible()
    expect(first.get_by_role("link", name=re.compile("^Lead agency, target"))).to_be_hidden()
