"""Every link looks and behaves like the site's other links, including links in tables."""

import pytest

from .support import site_pages, visit

pytestmark = pytest.mark.browser

# Each link in the page's tables whose colour, underline or focus style differs from the
# page's own GOV.UK links (those in the footer, which always has some).
ODD_LINKS = """() => {
  const style = (a) => {
    const s = getComputedStyle(a);
    return [s.color, s.textDecorationLine, s.textDecorationThickness].join(" ");
  };
  const reference = document.querySelector("main .govuk-link") ;
  const expected = style(reference);
  return [...document.querySelectorAll("main table a")]
    .filter((a) => style(a) !== expected)
    .map((a) => `${JSON.stringify(a.innerText.trim().slice(0, 30))}: ${style(a)}, not ${expected}`);
}"""

FOCUS_STYLE = """(a) => { a.focus(); const s = getComputedStyle(a);
  return [s.backgroundColor, s.color, s.boxShadow].join(" | "); }"""


def test_links_in_tables_look_like_the_sites_other_links(new_page, report_live):
    page = new_page()
    pages = site_pages(report_live)
    odd = {}
    for kind in ("priorities", "agencies", "linked work", "crime figures"):
        for path in pages[kind]:
            visit(page, path, kind)
            if links := page.evaluate(ODD_LINKS):
                odd[path] = links
    assert not odd, "Links styled unlike the site's links:\n" + "\n".join(
        f"{path}: {'; '.join(links[:3])}" for path, links in odd.items()
    )


@pytest.mark.parametrize("path", ["/agencies/", "/county/", "/agencies/dbc/"])
def test_a_focused_link_in_a_table_gets_the_sites_focus_style(page, report_live, path):
    page.goto(path)
    reference = page.evaluate(FOCUS_STYLE, page.locator("main .govuk-link").first.element_handle())
    for link in page.locator("main table tbody a:visible").all()[:6]:
        assert link.evaluate(FOCUS_STYLE) == reference, link.inner_text()
