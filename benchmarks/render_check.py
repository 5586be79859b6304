"""Open the rendered seed page in a real headless browser: measure it, screenshot it.

    python benchmarks/render_check.py [FILE] [--out DIR] [--doc-date 2026-04-01]
                                      [--size 1200x2400] [--min-pixels 150]

Writes ``DIR/page.html`` with ``ordos_nlp.render`` (default FILE: the seed page) and
opens it in headless Chromium twice:

1. **layout**, measured by the browser itself (``--dump-dom`` of a copy of the page
   with a small script): no mark broken across two lines (a box drawn in one piece:
   one client rectangle per ``mark.entity``), no mark running past the right edge of
   its paragraph, headlines set in a larger type than the body, and every fact of
   the page drawn as a mark;
2. **screenshot** (``DIR/page.png``): the screen pixels painted in each fact colour
   (``ordos_nlp.render.COLORS``) — every type of the page (ORG, GPE, LOC, PERSON,
   QUANTITY, DATE) must cover at least ``--min-pixels`` pixels.

Then look at the PNG: Chinese glyphs (not boxes), headlines bold with a red rule,
labels such as ``QUANTITY 19,234,000,000 元`` and ``GPE 东胜区 150602``.

Needs Chromium (Debian: ``apt-get install chromium``) and a CJK font
(``apt-get install fonts-noto-cjk`` or ``fonts-wqy-zenhei``): without Chromium it
skips politely (exit 0); without a CJK font it fails, since Chinese would show as
boxes. The pixel count needs Pillow. Exit 1 when a check fails. Not part of the
test suite: it needs a browser and takes seconds.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4a1a09de4157cfcd.txt"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)

# Run in the browser after layout; the verdict goes into the DOM, which --dump-dom prints.
PROBE = """<script>
(function () {
  const marks = [...document.querySelectorAll("mark.entity")];
  const broken = marks.filter((m) => m.getClientRects().length > 1).map((m) => m.textContent.trim());
  const overflowing = marks.filter((m) => {
    const line = m.closest("p") || document.body;
    return m.getBoundingClientRect().right > line.getBoundingClientRect().right + 1;
  }).map((m) => m.textContent.trim());
  const size = (sel) => {
    const el = document.querySelector(sel);
    return el ? parseFloat(getComputedStyle(el).fontSize) : null;
  };
  const out = document.createElement("pre");
  out.id = "ordos-probe";
  out.textContent = JSON.stringify({
    marks: marks.length,
    broken: broken,
    overflowing: overflowing,
    headline_px: size(".ordos-headline-line .ordos-headline"),
    body_px: size(".ordos-body-line .ordos-body"),
    headlines: document.querySelectorAll(".ordos-headline-line").length,
  });
  document.body.appendChild(out);
})();
</script>"""


def find_browser() -> str | None:
    env = os.environ.get("CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def cjk_fonts() -> list[str] | None:
    """Families of the installed fonts with Chinese glyphs (fontconfig), or None without fc-list."""
    if not shutil.which("fc-list"):
        return None
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return sorted({line.split(",")[0].strip() for line in out.stdout.splitlines() if line.strip()})


def _chromium(browser: str, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="ordos-chromium-") as profile:
        cmd = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def screenshot(browser: str, page: Path, png: Path, size: tuple[int, int]) -> None:
    proc = _chromium(browser, f"--screenshot={png}", f"--window-size={size[0]},{size[1]}", page.resolve().as_uri())
    if proc.returncode != 0 or not png.exists():
        raise RuntimeError(f"chromium failed ({proc.returncode}):\n{proc.stderr[-2000:]}")


def measure(browser: str, page: Path, width: int) -> dict:
    """The probe's verdict on ``page``, laid out ``width`` pixels wide."""
    probe = page.with_name("probe.html")
    probe.write_text(page.read_text("utf-8").replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    proc = _chromium(browser, "--dump-dom", f"--window-size={width},1000", probe.resolve().as_uri())
    found = re.search(r'<pre id="ordos-probe">(.*?)</pre>', proc.stdout, re.S)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"chromium failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(html.unescape(found.group(1)))


def colour_pixels(png: Path, colours: dict[str, str], tolerance: int = 4) -> dict[str, int] | None:
    """Pixels within ``tolerance`` of each colour, or None without Pillow."""
    try:
        from PIL import Image
    except ImportError:
        return None
    import numpy as np

    img = np.asarray(Image.open(png).convert("RGB")).astype(int)
    out = {}
    for label, hexcode in colours.items():
        rgb = np.array([int(hexcode[i : i + 2], 16) for i in (1, 3, 5)])
        out[label] = int((np.abs(img - rgb).max(axis=2) <= tolerance).sum())
    return out


def layout_problems(probe: dict, expected_marks: int) -> list[str]:
    problems = []
    if probe["marks"] != expected_marks:
        problems.append(f"{probe['marks']} marks drawn, {expected_marks} facts to draw")
    if probe["broken"]:
        problems.append(f"marks broken across lines: {probe['broken'][:5]}")
    if probe["overflowing"]:
        problems.append(f"marks past the right edge: {probe['overflowing'][:5]}")
    if not probe["headlines"]:
        problems.append("no headline paragraph")
    elif not (probe["headline_px"] and probe["body_px"] and probe["headline_px"] > probe["body_px"]):
        problems.append(f"headlines ({probe['headline_px']}px) not larger than the body ({probe['body_px']}px)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", default=str(SEED))
    parser.add_argument("--out", default=None, help="folder for page.html and page.png (default: a new temporary one)")
    parser.add_argument("--doc-date", type=date.fromisoformat, default=date(2026, 4, 1))
    parser.add_argument("--size", default="1200x2400", help="window of the screenshot, WIDTHxHEIGHT")
    parser.add_argument("--min-pixels", type=int, default=150)
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.lower().split("x"))

    browser = find_browser()
    if browser is None:
        print("render_check: skipped, no Chromium found (Debian: apt-get install chromium)")
        return 0
    fonts = cjk_fonts()
    if fonts == []:
        print("render_check: FAILED: no CJK font installed, Chinese would show as boxes "
              "(Debian: apt-get install fonts-noto-cjk, or fonts-wqy-zenhei)")
        return 1

    import ordos_nlp
    from ordos_nlp.render import COLORS, display_spans

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="ordos-render-"))
    out.mkdir(parents=True, exist_ok=True)
    page, png = out / "page.html", out / "page.png"
    text = ordos_nlp.read_text_file(args.file)
    ordos_nlp.render(text, jupyter=False, path=page, doc_date=args.doc_date, title=Path(args.file).name)
    expected = len(display_spans(ordos_nlp.extract(text, doc_date=args.doc_date)))
    try:
        probes = {width: measure(browser, page, width) for width in (size[0], 700, 420)}
        screenshot(browser, page, png, size)
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        print(f"render_check: FAILED: {err}")
        return 1
    print(f"render_check: {browser}")
    print(f"  CJK fonts:  {', '.join(fonts) if fonts else 'unknown (no fc-list)'}")
    print(f"  page:       {page}\n  screenshot: {png} ({size[0]}x{size[1]})")
    failed = False
    for width, probe in probes.items():
        problems = layout_problems(probe, expected)
        failed |= bool(problems)
        verdict = "ok" if not problems else "FAILED: " + "; ".join(problems)
        print(
            f"  {width:>5}px wide: {probe['marks']} marks, {len(probe['broken'])} broken, "
            f"{len(probe['overflowing'])} past the edge, headlines {probe['headline_px']}px "
            f"over body {probe['body_px']}px  {verdict}"
        )
    counts = colour_pixels(png, COLORS)
    if counts is None:
        print("render_check: Pillow is not installed, pixel count skipped: look at the screenshot")
    else:
        for label, n in counts.items():
            ok = n >= args.min_pixels
            failed |= not ok
            print(f"  {label:<9} {COLORS[label]}  {n:>7} pixels  {'ok' if ok else 'MISSING from the screenshot'}")
    if failed:
        print("render_check: FAILED")
        return 1
    print("render_check: ok; now look at the screenshot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
