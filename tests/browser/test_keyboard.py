"""A keyboard user can see where they are: everything that takes focus is on screen."""

import pytest

from .support import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/years/2011-12/priorities/1/",
    "/actions/17/",
    "/agencies/",
    "/agencies/dbc/",
    "/linked-work/2/",
    "/county/",
    "/categories/robbery/",
]

# The focused element, whether focus has been there before (Tab has gone all the way round),
# and whether it can be seen: it has a size, and the middle of its first line box is the
# element itself, not clipped away or covered.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const again = el.hasAttribute("data-test-focused");
  el.setAttribute("data-test-focused", "");
  const box = el.getClientRects()[0] || el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + " " + JSON.stringify((el.innerText || el.value || "").trim().slice(0, 40));
  return {
    name,
    again,
    visible: box.width >= 2 && box.height >= 2 && !!hit && (hit === el || el.contains(hit)),
  };
}"""


@pytest.mark.parametrize("width", ["1280px", "375px"])
def test_every_focusable_element_is_visible_when_focused(new_page, report_live, width):
    page = new_page(viewport=DESKTOP if width == "1280px" else PHONE)
    hidden = []
    for path in PAGES:
        page.goto(path)
        reached = 0
        for _ in range(300):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None or focused["again"]:
                break
            reached += 1
            if not focused["visible"]:
                hidden.append(f"{path}: {focused['name']}")
        assert reached > 10, f"Tab reached only {reached} elements on {path}"
    assert not hidden, f"Focused but not visible at {width}:\n" + "\n".join(hidden)


def test_the_skip_link_appears_on_focus_and_moves_focus_to_the_content(page, report_live):
    page.goto("/years/2011-12/priorities/1/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert page.evaluate(FOCUSED)["visible"], "the skip link is focused but not visible"
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)["name"]
    assert "Search actions" in focused or focused.startswith("input#id_q"), focused
