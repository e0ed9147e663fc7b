"""Contrast, read from the rendered page in Chromium: every visible text in both colour schemes.

WCAG 2.1 SC 1.4.3: at least 4.5:1, or 3:1 for large text (24 px, or 18.67 px bold). The colour of each
text is blended over the backgrounds of its ancestors (alpha included) as the browser computed them.
Also on a phone: tap targets of step links and badges at least 24 px (SC 2.5.8), hints at least 13 px.
"""

from __future__ import annotations

import json

import pytest
from sitekit import real_site  # noqa: F401 (fixture)
from test_browser import ARTIFACTS, CHROMIUM, _page, base_url, browser  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")

PAGES = {  # one page of every type
    "home": "", "catalogue": "procedures/", "procedure": "procedures/resident-help/",
    "draft procedure": "procedures/complaint-handling/", "instruction": "instructions/cistern/",
    "form": "forms/customer-request-form/", "price list": "price-lists/special-services/",
    "site": "sites/ruijin-plaza/", "role": "roles/front-desk-clerk/", "department": "departments/security/",
    "glossary": "glossary/", "limits": "limits/", "rules": "rules/", "revisions": "revisions/", "help": "help/",
    "not found": "404.html",
}

LOW_CONTRAST = """() => {
  const parse = c => { const m = /rgba?\\(([^)]+)\\)/.exec(c); if (!m) return null
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1] }
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1])
  const background = el => {
    const layers = []
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor)
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break }
    }
    let base = [255, 255, 255, 1]
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base)
    return base
  }
  const lum = c => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]) }
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) }
  const found = [], seen = new Set()
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const el = node.parentElement
    if (!node.textContent.trim() || !el || seen.has(el) || el.closest("svg, .md-search, script, style")) continue
    seen.add(el)
    const style = getComputedStyle(el)
    const box = el.getBoundingClientRect()
    if (style.visibility !== "visible" || box.width < 1 || box.height < 1 || +style.opacity === 0) continue
    if (el.closest("[hidden], details:not([open]) > :not(summary)")) continue
    let hidden = false
    for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === "none" || +getComputedStyle(e).opacity === 0) { hidden = true; break }
    if (hidden) continue
    const bg = background(el), fg = over(parse(style.color), bg)
    const size = parseFloat(style.fontSize), bold = +style.fontWeight >= 700
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5
    const r = ratio(fg, bg)
    if (r < need) found.push({text: node.textContent.trim().slice(0, 30), ratio: +r.toFixed(2), need,
                              cls: el.className && String(el.className).slice(0, 60), tag: el.tagName,
                              color: style.color, background: "rgb(" + bg.slice(0, 3).map(Math.round) + ")"})
  }
  return found
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_has_enough_contrast(browser, base_url: str, scheme: str) -> None:
    page = _page(browser)
    page.emulate_media(color_scheme=scheme)
    failures = {}
    for name, url in PAGES.items():
        page.goto(base_url + url)
        page.wait_for_timeout(150)
        drawn = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert drawn == {"light": "default", "dark": "slate"}[scheme], (name, drawn)  # the scheme asked for
        low = page.evaluate(LOW_CONTRAST)
        if low:
            failures[name] = low
        if name in ("procedure", "price list", "home"):
            page.screenshot(path=str(ARTIFACTS / f"contrast-{scheme}-{name.replace(' ', '-')}.png"))
    page.close()
    (ARTIFACTS / f"contrast-{scheme}.json").write_text(json.dumps(failures, ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
    assert not failures, {k: v[:5] for k, v in failures.items()}


PHONE_CHECKS = """() => {
  const box = el => el.getBoundingClientRect()
  const shown = el => { const b = box(el); return b.width > 0 && b.height > 0 && getComputedStyle(el).visibility === "visible" }
  const size = a => Math.round(box(a).width) + "x" + Math.round(box(a).height)
  const named = a => (a.className || a.tagName) + " " + a.textContent.trim().slice(0, 12) + " " + size(a)
  // SC 2.5.8: every link of the content and of the navigation drawer at least 24 x 24 px, unless a
  // 24 px circle on it touches no other target (the spacing exception); these always 24 px:
  const always = "a.hb-step__no, a.hb-badge, a.hb-step-link, a.hb-place, a.hb-pdf, .hb-flow__open a, .md-path__link, td .hb-hint a"
  const targets = [...document.querySelectorAll(".md-content a[href], .md-nav--primary a[href], " +
                                                ".md-nav--primary label.md-nav__link")].filter(shown)
  const under = targets.filter(a => box(a).height < 24 || box(a).width < 24)
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2]
  const spaced = a => {
    const [x, y] = centre(box(a))
    return targets.every(o => {
      if (o === a || o.contains(a) || a.contains(o)) return true
      const r = box(o), dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom)
      if (Math.hypot(dx, dy) < 12) return false
      const [ox, oy] = centre(r)
      return !under.includes(o) || Math.hypot(ox - x, oy - y) >= 24
    })
  }
  const small = under.filter(a => a.matches(always) || !spaced(a)).map(named)
  // hints (secondary text: .hb-hint or the muted colour) at least 13 px
  const probe = document.createElement("span")
  probe.style.color = "var(--hb-muted)"
  document.body.append(probe)
  const muted = getComputedStyle(probe).color
  probe.remove()
  const hints = [...document.querySelectorAll(".md-content *")].filter(shown)
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .filter(e => e.closest(".hb-hint, .hb-scroll-cue") || getComputedStyle(e).color === muted)
    .filter(e => parseFloat(getComputedStyle(e).fontSize) < 13)
    .map(h => h.textContent.trim().slice(0, 12) + " " + getComputedStyle(h).fontSize)
  const cut = [...document.querySelectorAll(".md-typeset__scrollwrap")].filter(shown)
    .filter(w => w.scrollWidth > w.clientWidth + 1)
    .filter(w => { const c = w.previousElementSibling; return !(c && c.classList.contains("hb-scroll-cue") && shown(c)) })
    .map(w => w.querySelector("th") ? w.querySelector("th").textContent : "?")
  const outside = [...document.querySelectorAll(".hb-cards td")].filter(shown)
    .filter(td => box(td).right > innerWidth + 1).map(td => td.textContent.trim().slice(0, 12))
  // a card starts with its first field: no rule above it, no empty strip
  const cards = [...document.querySelectorAll(".hb-cards tbody tr")].filter(shown).filter(tr => {
    const first = [...tr.cells].find(shown)
    return first && (parseFloat(getComputedStyle(first).borderTopWidth) > 0 || box(first).top - box(tr).top > 10)
  }).map(tr => tr.textContent.trim().slice(0, 12))
  return {small, hints, cut, outside, cards}
}"""


def test_phone_tables_targets_and_hints(browser, base_url: str) -> None:
    """On a 390 px phone: tables are cards (starting with their first field) or say they scroll, tap
    targets of the content and the drawer >= 24 px, hints >= 13 px, on every page type."""
    page = _page(browser, 390, 844)
    problems = {}
    for name, url in PAGES.items():
        page.goto(base_url + url)
        page.wait_for_timeout(400)
        page.click("label.md-header__button[for='__drawer']")  # the navigation drawer open: its links too
        page.wait_for_timeout(300)
        found = {k: v for k, v in page.evaluate(PHONE_CHECKS).items() if v}
        if found:
            problems[name] = found
    page.goto(base_url + PAGES["price list"])
    page.wait_for_timeout(300)
    assert page.locator(".hb-cards tr td.hb-price").first.evaluate(
        "td => getComputedStyle(td, '::before').content").startswith('"收费')  # the label of each card line
    page.screenshot(path=str(ARTIFACTS / "price-list-cards-phone.png"))
    page.goto(base_url + PAGES["role"])
    page.wait_for_timeout(300)
    width = page.locator(".hb-cards td[data-label='内容']").first.evaluate("td => td.getBoundingClientRect().width")
    assert width > 250  # 内容 gets the card's width, not 7 characters
    page.close()
    assert not problems, problems


def test_a_landed_row_has_one_frame_and_wide_tables_fit(browser, base_url: str) -> None:
    """A search result landing on a table row (a limit, a price item) frames the row once, not each
    cell; on a phone the limits are cards with 出处 on screen; on a desktop the price list's long
    charge methods wrap instead of pushing 定价形式 out of the table."""
    page = _page(browser, 390, 844)
    for url in ("limits/#limit-cash-max-50", "price-lists/special-services/#item-1-1"):
        page.goto(base_url + url)
        page.wait_for_timeout(300)
        frames = page.evaluate("""() => {
          const tr = document.querySelector("tr:target")
          return [getComputedStyle(tr).outlineStyle, [...tr.cells].map(td => getComputedStyle(td).outlineStyle)]
        }""")
        assert frames[0] == "solid" and set(frames[1]) == {"none"}, (url, frames)
    page.goto(base_url + "limits/")
    page.wait_for_timeout(300)
    source = page.locator(".hb-cards td[data-label='出处']").first
    assert source.evaluate("td => getComputedStyle(td, '::before').content").startswith('"出处')
    assert source.evaluate("td => td.getBoundingClientRect().right") <= 390
    for url in ("revisions/", "", "procedures/resident-help/"):  # revision lists are cards: 修订内容 gets the width
        page.goto(base_url + url)
        page.wait_for_timeout(300)
        widths = page.evaluate("""() => [...document.querySelectorAll(".hb-cards td[data-label='修订内容']")]
            .map(td => td.getBoundingClientRect().width)""")
        assert widths and min(widths) > 300, (url, widths)
    page.close()
    page = _page(browser, 1280, 800)
    page.goto(base_url + "price-lists/special-services/")
    page.wait_for_timeout(300)
    over = page.evaluate("""() => [...document.querySelectorAll(".md-typeset__scrollwrap")]
        .filter(w => w.scrollWidth > w.clientWidth + 1).length""")
    page.close()
    assert over == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_drawer_has_enough_contrast(browser, base_url: str, scheme: str) -> None:
    """The navigation drawer of a phone, open: its section titles (bold 16 px: 4.5:1) and links."""
    page = _page(browser, 390, 844)
    page.emulate_media(color_scheme=scheme)
    failures = {}
    for name in ("home", "procedure", "form", "role"):
        page.goto(base_url + PAGES[name])
        page.wait_for_timeout(200)
        page.click("label.md-header__button[for='__drawer']")
        page.wait_for_timeout(400)
        assert page.locator(".md-nav--primary .md-nav__title").first.is_visible()
        low = page.evaluate(LOW_CONTRAST)
        if low:
            failures[name] = low
    page.close()
    assert not failures, {k: v[:5] for k, v in failures.items()}
