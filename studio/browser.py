"""Driving the Label Studio task page as an annotator does, in headless Chromium (Playwright).

Used by the browser test and by `econfacts studio screenshot`, so the README screenshot is made by the
code path that the test checks. The browser is Debian's chromium; Playwright never downloads one.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from econfacts.errors import InputError

CHROMIUM = os.environ.get("ECONFACTS_CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1400, "height": 900}

# Client rectangles of the first occurrence of a phrase in the task text, for a mouse drag over it.
_PHRASE_BOX = """([phrase]) => {
  const root = document.querySelector('.lsf-richtext__container');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(phrase);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    const rects = range.getClientRects(), first = rects[0], last = rects[rects.length - 1];
    return {x1: first.left, y1: first.top + first.height / 2, x2: last.right, y2: last.top + last.height / 2};
  }
  return null;
}"""


@contextmanager
def chromium_page():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise InputError(f"no browser at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


class TaskPage:
    """The labeling page of one task, reached through the login page."""

    def __init__(self, page, url: str):
        self.page, self.url = page, url.rstrip("/")

    def log_in(self, email: str, password: str) -> None:
        self.page.goto(f"{self.url}/user/login/")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", password)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url(lambda u: "/user/login" not in u)

    def open(self, project_id: int, task_id: int) -> None:
        self.page.goto(f"{self.url}/projects/{project_id}/data?tab=1&task={task_id}")
        self.page.wait_for_selector(".lsf-richtext__container")
        self.page.wait_for_selector(".htx-highlight")

    def offered_labels(self) -> list[str]:
        return [t.strip() for t in self.page.locator(".lsf-label .lsf-label__text").all_inner_texts()]

    def region(self, region_id: str):
        """The highlight of a region: its class names carry the region id, e.g. htx-highlight-T6-20."""
        return self.page.locator(f'.htx-highlight[class*="htx-highlight-{region_id}-"]')

    def region_ids(self) -> list[str]:
        found = []
        for classes in self.page.locator(".htx-highlight").evaluate_all("els => els.map(e => e.className)"):
            for name in classes.split():
                if name.startswith("htx-highlight-"):
                    found.append(name.removeprefix("htx-highlight-").rsplit("-", 1)[0])
        return found

    def drawn_text(self, region_id: str) -> tuple[int, int, str]:
        """(data-start, data-end, the words under the highlight) of a region."""
        box = self.region(region_id)
        text = "".join(box.all_inner_texts())
        first = box.first
        return int(first.get_attribute("data-start")), int(first.get_attribute("data-end")), text

    def select_region(self, region_id: str) -> None:
        # A click on the selected region unselects it: start from no selection.
        self.deselect()
        self.region(region_id).first.click()

    def deselect(self) -> None:
        self.page.keyboard.press("Escape")

    def control_visible(self, name: str) -> bool:
        """Whether the attribute control headed `name` is shown (per-region Views hide the others)."""
        return self.page.get_by_role("heading", name=name, exact=True).is_visible()

    def label_words(self, phrase: str, label: str) -> None:
        """Pick the label, then drag the mouse over the phrase, as a person does."""
        self.deselect()
        self.page.locator(".lsf-label", has_text=label).first.click()
        box = self.page.evaluate(_PHRASE_BOX, [phrase])
        if box is None:
            raise AssertionError(f"{phrase!r} is not in the task text")
        mouse = self.page.mouse
        mouse.move(box["x1"] + 1, box["y1"])
        mouse.down()
        mouse.move(box["x2"] - 1, box["y2"], steps=10)
        mouse.up()

    def fill_text_attribute(self, region_id: str, name: str, value: str) -> None:
        self.select_region(region_id)
        box = self.page.locator(f"input[name={name}]")
        box.fill(value)
        box.press("Enter")

    def relate(self, head_id: str, tail_id: str, label: str) -> None:
        """Select the head, Create Relation, click the tail; then name it in the Relations panel."""
        self.select_region(head_id)
        self.page.get_by_role("button", name="Create Relation").click()
        self.region(tail_id).first.click()
        self.deselect()
        self.page.locator("#Relations-draggable").click()
        item = self.page.locator(".lsf-relations__item").last  # the list is oldest first
        item.hover()
        item.get_by_role("button", name="Show Relation Labels").click()
        self.page.get_by_text("Select labels").click()
        self.page.get_by_test_id(f"select-option-{label}").click()
        self.page.keyboard.press("Escape")

    def submit(self) -> None:
        self.page.get_by_role("button", name="Submit current annotation").click()
        self.page.wait_for_load_state("networkidle")

    def screenshot(self, path: str | os.PathLike) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path))
        return path
