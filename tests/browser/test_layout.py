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
@pytest.mark.parametrize("width", [375, 641, 769])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_page_scrolls_sideways_on_a_phone_or_a_tablet(new_page, report_live, kind, width):
    page = new_page(viewport={"width": width, "height": 800})
    overflowing = []
    for path in site_pages(report_live)[kind]:
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
SPLIT_WORDS = """(maxLength) => {
  const split = [];
  for (const cell of document.querySelectorAll("main table th, main table td")) {
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


@pytest.mark.parametrize("width", [1024, 1280])
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
