"""The site by keyboard, in a real browser, beyond what axe-core can see (WCAG 2.2 AA).

Every page is tabbed through, forwards and backwards, at 320 CSS px (a phone, or a 1280 px screen
at 400% zoom, where the navigation is a drawer) and at 1280 px. At every stop the focused element
must be:

- visible: rendered, not transparent, not hidden (2.4.7), with a focus ring (an outline at least
  2 px wide, in a colour of at least 3:1 against the backdrop the ring is drawn on: 1.4.11);
- inside the viewport: wholly, or for an element taller or wider than the viewport (a table's
  scroll region), a part of it at least 40 px each way (2.4.7);
- not under the sticky header, nor under anything else: the browser's hit test at the middle and
  near the corners of its first box finds the element itself (2.4.11).

The menu opens with Enter and with Space, moves focus into itself, holds focus while open (the
page behind is inert) and closes with Escape, giving focus back to the Menu button; so does
search. Section toggles are buttons with an expanded state (4.1.2). Under WCAG text spacing
(1.4.12) no chart label is cut. The accessibility statement says what these tests test, with its
dates, and does not claim full compliance.

The tests run with reduced motion asked for (a11y.css then turns the theme's transitions off), so
no stop waits for an animation; each stop still waits for any that run. The browser, server and
build are tests/test_site.py's session fixtures (the example council's site; every council's site
gets the same templates, stylesheets and script).
"""

from __future__ import annotations

import pytest

from tests.test_site import browser, built, pages, server  # noqa: F401  (session fixtures)

WIDTHS = {320: (320, 640), 1280: (1280, 800)}
MOST_STOPS = 800  # more Tab stops than any page has: a page that never wraps round is a failure

# Waits for the page to settle after a key (transitions finished, scrolling stopped), then judges
# the focused element. Returns null when nothing is focused (the document itself: Tab has gone
# round), else [a short description, the problems found].
JUDGE = """
async () => {
  const frames = (n) => new Promise((done) => {
    const step = () => (n-- <= 0 ? done() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  });
  await frames(2);  // styles recalculated: any transition the focus starts has started
  const settle = Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  await Promise.race([settle, new Promise((done) => setTimeout(done, 1500))]);
  let y = -1;
  for (let i = 0; i < 30 && y !== scrollY; i++) { y = scrollY; await frames(2); }

  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const name = (el.getAttribute("aria-label") || el.textContent || el.value || "")
    .replace(/\\s+/g, " ").trim().slice(0, 40);
  const what = `<${el.tagName.toLowerCase()}${el.className && typeof el.className === "string"
    ? "." + el.className.trim().split(/\\s+/).join(".") : ""}> "${name}"`;
  const problems = [];
  const style = getComputedStyle(el);

  // visible, with a ring
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
    problems.push("not visible (hidden, or transparent)");
  }
  const ring = parseFloat(style.outlineWidth);
  if (style.outlineStyle === "none" || style.outlineStyle === "auto" || !(ring >= 2)) {
    problems.push(`no focus ring of its own (outline ${style.outlineStyle} ${style.outlineWidth})`);
  } else {
    const offset = parseFloat(style.outlineOffset) || 0;
    const back = backdrop(offset < 0 ? el : under(el, offset + ring / 2, below(el)));
    const ratio = contrast(rgba(style.outlineColor), back);
    if (ratio < 3) {
      const on = `rgb(${back.map(Math.round)})`;
      problems.push(`focus ring ${style.outlineColor} is ${ratio.toFixed(2)}:1 on ${on}`);
    }
  }

  // inside the viewport, and below the header unless it is in the header (or painted over it)
  const rects = el.getClientRects();
  const box = rects.length ? rects[0] : el.getBoundingClientRect();
  const top = below(el);
  const view = {left: 0, top, right: innerWidth, bottom: innerHeight};
  const fits = box.width <= view.right - view.left && box.height <= view.bottom - view.top;
  const cut = {
    left: Math.max(box.left, view.left), right: Math.min(box.right, view.right),
    top: Math.max(box.top, view.top), bottom: Math.min(box.bottom, view.bottom),
  };
  const onTop = (x, y) => {
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === el || el.contains(hit));
  };
  const [bx, by, bw, bh] = [box.left, box.top, box.width, box.height].map(Math.round);
  const where = `at ${bx},${by} ${bw}x${bh}`;
  if (box.width === 0 || box.height === 0) {
    problems.push(`has no size (${where})`);
  } else if (fits) {
    const slack = 1;
    if (box.left < view.left - slack || box.right > view.right + slack ||
        box.bottom > view.bottom + slack || box.top < 0 - slack) {
      const size = `${innerWidth}x${innerHeight}`;
      problems.push(`not wholly inside the viewport (${where}, viewport ${size})`);
    } else if (box.top < view.top - slack) {
      problems.push(`under the sticky header (${where}, header ends at ${Math.round(view.top)})`);
    }
  } else if (cut.right - cut.left < 40 || cut.bottom - cut.top < 40) {
    problems.push(`too little of it in the viewport (${where})`);
  }
  if (!problems.length) {
    const points = [[(cut.left + cut.right) / 2, (cut.top + cut.bottom) / 2]];
    if (fits && box.width > 6 && box.height > 6) {
      points.push([box.left + 3, box.top + 3], [box.right - 3, box.bottom - 3]);
    }
    const hidden = points.filter(([x, y]) => !onTop(x, y));
    if (hidden.length) {
      const [x, y] = hidden[0];
      const over = document.elementFromPoint(x, y);
      const by = over ? `<${over.tagName.toLowerCase()}.${over.className}>` : "nothing";
      problems.push(`covered at ${Math.round(x)},${Math.round(y)} by ${by} (${where})`);
    }
  }
  return [what, problems];

  function rgba(text) {
    const m = text.match(/[\\d.]+/g).map(Number);
    return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
  }
  function below(el) {
    // where the visible part of the page begins for `el`: under the sticky header, unless it
    // is in the header or painted over it
    const header = document.querySelector(".md-header");
    if (!header || header.contains(el) || getComputedStyle(header).position === "static") return 0;
    const hit = (x, y) => {
      const e = document.elementFromPoint(x, y);
      return e && (e === el || el.contains(e));
    };
    const r = el.getBoundingClientRect();
    const end = header.getBoundingClientRect().bottom;
    if (r.top < end && r.bottom > 0 && hit(r.left + r.width / 2, Math.max(r.top, 0) + 2)) return 0;
    return Math.max(0, end);
  }
  function under(el, out, top) {
    // what is painted where the ring is drawn: just outside the element's box, above it or,
    // at the top of the viewport, below it (its parent where nothing is found)
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 20), 0), innerWidth - 1);
    for (const y of [r.top - out, r.bottom + out]) {
      if (y < top || y >= innerHeight) continue;
      const stack = document.elementsFromPoint(x, y).filter((e) => e !== el && !el.contains(e));
      if (stack.length) return stack[0];
    }
    return el.parentElement;
  }
  function backdrop(start) {
    // the colour the ring is drawn on: the element's (or its parent's) background, blended
    // over the ancestors' down to an opaque one, or the page's white
    const layers = [];
    for (let node = start; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) {
      colour = [r, g, b].map((v, i) => v * a + colour[i] * (1 - a));
    }
    return colour;
  }
  function luminance([r, g, b]) {
    const lin = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }
  function contrast(fg, bg) {
    const [r, g, b, a] = fg;
    const seen = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
    const [l1, l2] = [luminance(seen), luminance(bg)].sort((p, q) => q - p);
    return (l1 + 0.05) / (l2 + 0.05);
  }
}
"""

READY = "() => document.querySelector('label[role=button]') !== null"


def _open(browser, url: str, width: int):  # noqa: F811
    context = browser.new_context(
        viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)),
        reduced_motion="reduce",  # a11y.css then drops the theme's transitions: no waiting
    )
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(READY, timeout=5000)
    return context, page


def _tab_round(page, key: str) -> tuple[list[str], list[str]]:
    """Every Tab stop of the page in one direction, from the document's start (or end) round to
    it again: the stops, and each problem found at one."""
    stops: list[str] = []
    problems: list[str] = []
    for _ in range(MOST_STOPS):
        page.keyboard.press(key)
        found = page.evaluate(JUDGE)
        if found is None:
            if stops:
                return stops, problems
            continue  # nothing focused yet
        what, wrong = found
        stops.append(what)
        problems += [f"stop {len(stops)} {what}: {p}" for p in wrong]
    problems.append(f"Tab never went round in {MOST_STOPS} stops")
    return stops, problems


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"], ids=["forwards", "backwards"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_focus_stop_is_visible_in_the_viewport_and_not_under_the_header(
    built,  # noqa: F811
    server,  # noqa: F811
    browser,  # noqa: F811
    width,
    key,
):
    failures: dict[str, list[str]] = {}
    for path in pages(built):
        context, page = _open(browser, server + path, width)
        try:
            if key == "Shift+Tab":  # start from the end of the page, as a reader going back would
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            stops, problems = _tab_round(page, key)
        finally:
            context.close()
        assert len(stops) >= 2, (path, stops)  # the 404 page: the Menu and Search buttons
        if problems:
            failures[path] = problems[:8]
    assert failures == {}


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const drawer = document.querySelector('.md-sidebar--primary');
          const r = drawer.getBoundingClientRect();
          return {
            label: el.getAttribute('aria-label'),
            role: el.getAttribute('role'),
            expanded: el.getAttribute('aria-expanded'),
            inDrawer: drawer.contains(el),
            onBody: el === document.body,
            drawerShown: drawer.checkVisibility({visibilityProperty: true}) && r.right > 0,
          };
        }"""
    )


def _tab_to(page, label: str, most: int = 10) -> None:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == label:
            return
    raise AssertionError(f"the {label} button is not among the first {most} Tab stops")


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_the_menu_opens_from_the_keyboard_holds_focus_and_closes_with_escape(
    built,  # noqa: F811
    server,  # noqa: F811
    browser,  # noqa: F811
    key,
):
    context, page = _open(browser, server + "/how-to-complain/", 320)
    try:
        _tab_to(page, "Menu")
        closed = _focused(page)
        assert closed["role"] == "button" and closed["expanded"] == "false"
        assert not closed["drawerShown"]
        page.keyboard.press(key)
        page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=5000)
        page.wait_for_timeout(400)  # the drawer slides in
        opened = _focused(page)
        assert opened["inDrawer"] and opened["drawerShown"], opened
        assert page.get_attribute('.md-header label[for="__drawer"]', "aria-expanded") == "true"
        links = page.evaluate(
            "() => [...document.querySelectorAll('.md-sidebar--primary a')].map(a => a.textContent)"
        )
        assert any("How to complain" in text for text in links)
        for _ in range(12):  # focus stays in the open menu: the page behind is inert
            page.keyboard.press("Tab")
            state = _focused(page)
            assert state["inDrawer"] or state["onBody"], state  # round, past the menu's end
            judged = page.evaluate(JUDGE)
            assert judged is None or judged[1] == [], judged
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.getElementById('__drawer').checked", timeout=5000)
        page.wait_for_timeout(400)  # the drawer slides out
        back = _focused(page)
        assert back["label"] == "Menu" and back["expanded"] == "false", back
        assert not back["drawerShown"]
    finally:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_search_opens_from_the_keyboard_and_closes_with_escape(
    built,  # noqa: F811
    server,  # noqa: F811
    browser,  # noqa: F811
    width,
):
    context, page = _open(browser, server + "/", width)
    try:
        if width < 960:  # the Search icon opens the search panel
            _tab_to(page, "Search")
            assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
            page.keyboard.press("Enter")
            page.wait_for_timeout(400)
        else:  # the search field is in the header
            _tab_to(page, "Search")
        assert page.evaluate("() => document.activeElement.matches('.md-search__input')")
        # the theme opens and closes search in its own handlers: wait for them (a loaded machine
        # runs them later), up to a bound, rather than for a fixed time
        page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.getElementById('__search').checked", timeout=5000)
        if width < 960:  # focus goes back to the button that opened the panel, in a task queued
            # after the theme's (a11y.js): wait for it, up to a bound, as for the panel
            page.wait_for_function(
                "() => document.activeElement.matches('.md-header label[for=__search]')",
                timeout=5000,
            )
    finally:
        context.close()


def test_section_toggles_are_buttons_with_an_expanded_state(
    built,  # noqa: F811
    server,  # noqa: F811
    browser,  # noqa: F811
):
    context, page = _open(browser, server + "/", 1280)
    try:
        toggles = page.eval_on_selector_all(
            ".md-sidebar--primary label.md-nav__link[for^='__nav']",
            "els => els.map(e => [e.getAttribute('role'), e.getAttribute('aria-expanded'),"
            " e.textContent.trim()])",
        )
        assert toggles, "no section toggles in the menu"
        assert all(
            role == "button" and expanded in ("true", "false") for role, expanded, _ in toggles
        )
        label = page.locator(".md-sidebar--primary label.md-nav__link[for^='__nav']").first
        before = label.get_attribute("aria-expanded")
        label.focus()
        page.keyboard.press(" ")
        after = label.get_attribute("aria-expanded")
        assert {before, after} == {"true", "false"}
        page.keyboard.press("Enter")
        assert label.get_attribute("aria-expanded") == before
    finally:
        context.close()


# WCAG 1.4.12: the text-spacing overrides a reader may apply (the criterion's own figures)
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
CUT_LABELS = """
() => [...document.querySelectorAll("figure.chart svg text")].flatMap((text) => {
  const r = text.getBoundingClientRect();
  if (!r.width) return [];
  const cut = [];
  const top = document.documentElement;
  for (let box = text.parentElement; box && box !== top; box = box.parentElement) {
    const style = getComputedStyle(box);
    if (style.overflowX === "visible" && style.overflowY === "visible") continue;
    const b = box.getBoundingClientRect();
    const inside = r.left >= b.left - 1 && r.right <= b.right + 1 &&
      r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    if (!inside) {
      const name = `${box.tagName.toLowerCase()}.${box.className.baseVal ?? box.className}`;
      cut.push(`"${text.textContent}" cut by <${name}>`);
    }
  }
  if (r.left < -1 || r.right > document.documentElement.clientWidth + 1) {
    cut.push(`"${text.textContent}" runs off the page`);
  }
  return cut;
})
"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_chart_labels_are_not_cut_under_wcag_text_spacing(
    built,  # noqa: F811
    server,  # noqa: F811
    browser,  # noqa: F811
    width,
):
    reports = [path for path in pages(built) if path.startswith("/reports/")]
    assert reports
    failures = {}
    for path in reports:
        context, page = _open(browser, server + path, width)
        try:
            assert page.locator("figure.chart svg text").count() > 0, f"{path}: no chart text"
            page.add_style_tag(content=TEXT_SPACING)
            if cut := page.evaluate(CUT_LABELS):
                failures[path] = cut[:8]
        finally:
            context.close()
    assert failures == {}


def test_the_accessibility_statement_is_true_and_dated():
    from datetime import datetime

    from checker.site import pages as site_pages

    statement = site_pages.accessibility_page(
        {"name": "Example Council", "contact": {"phone": "01234 567890"}}
    )
    assert "fully compliant" not in statement
    assert "partially compliant" in statement
    for heading in (
        "### Non-accessible content",
        "## How we tested these pages",
        "## Preparation of this accessibility statement",
    ):
        assert heading in statement
    for when in (
        site_pages.STATEMENT_PREPARED,
        site_pages.STATEMENT_REVIEWED,
        site_pages.PAGES_TESTED,
    ):
        datetime.strptime(when, "%d %B %Y")  # a real date, written as a reader reads it
        assert when in statement
    # what it says was tested is what these tests test
    for said, test in (
        (
            "320 pixels wide",
            test_every_focus_stop_is_visible_in_the_viewport_and_not_under_the_header,
        ),
        (
            "Enter or Space key and closes with Escape",
            test_the_menu_opens_from_the_keyboard_holds_focus_and_closes_with_escape,
        ),
    ):
        assert said in statement and callable(test)
