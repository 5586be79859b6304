"""Open the rendered seed page in a real headless browser and check the colours on screen.

    python benchmarks/render_check.py [FILE] [--out DIR] [--doc-date 2026-04-01] [--min-pixels 150]

Writes ``DIR/page.html`` with ``ordos_nlp.render`` (default FILE: the seed page),
takes a screenshot with headless Chromium (``DIR/page.png``, 1400x2000), and
counts the screen pixels painted in each fact colour (``ordos_nlp.render.COLORS``):
every label of the page (ORG, GPE, LOC, PERSON, QUANTITY, DATE) must cover at
least ``--min-pixels`` pixels. Look at the PNG too: quantity labels read
``QUANTITY 19234000000 元``.

Skips politely (exit 0) when no Chromium is installed (Debian: ``apt-get install
chromium``; Chinese glyphs need a CJK font such as ``fonts-wqy-zenhei`` or
``fonts-noto-cjk``), and skips the pixel count when Pillow is missing.
Exit 1 when a colour is missing from the screenshot or Chromium fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4a1a09de4157cfcd.txt"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser() -> str | None:
    env = os.environ.get("CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def has_cjk_font() -> bool | None:
    if not shutil.which("fc-list"):
        return None
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def screenshot(browser: str, page: Path, png: Path, size=(1400, 2000), timeout: int = 120) -> None:
    with tempfile.TemporaryDirectory(prefix="ordos-chromium-") as profile:
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={size[0]},{size[1]}",
            page.resolve().as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0 or not png.exists():
            raise RuntimeError(f"chromium failed ({proc.returncode}):\n{proc.stderr[-2000:]}")


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", default=str(SEED))
    parser.add_argument("--out", default=None, help="folder for page.html and page.png (default: a new temporary one)")
    parser.add_argument("--doc-date", type=date.fromisoformat, default=date(2026, 4, 1))
    parser.add_argument("--min-pixels", type=int, default=150)
    args = parser.parse_args()

    browser = find_browser()
    if browser is None:
        print("render_check: skipped, no Chromium found (Debian: apt-get install chromium)")
        return 0
    cjk = has_cjk_font()
    if cjk is False:
        print("render_check: note: no CJK font installed, Chinese will show as boxes (apt-get install fonts-wqy-zenhei)")

    import ordos_nlp
    from ordos_nlp.render import COLORS

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="ordos-render-"))
    out.mkdir(parents=True, exist_ok=True)
    page, png = out / "page.html", out / "page.png"
    text = ordos_nlp.read_text_file(args.file)
    ordos_nlp.render(text, jupyter=False, path=page, doc_date=args.doc_date, title=Path(args.file).name)
    try:
        screenshot(browser, page, png)
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        print(f"render_check: FAILED: {err}")
        return 1
    print(f"render_check: {browser}\n  page:       {page}\n  screenshot: {png}")
    counts = colour_pixels(png, COLORS)
    if counts is None:
        print("render_check: Pillow is not installed, pixel count skipped: look at the screenshot")
        return 0
    missing = []
    for label, n in counts.items():
        ok = n >= args.min_pixels
        missing += [] if ok else [label]
        print(f"  {label:<9} {COLORS[label]}  {n:>7} pixels  {'ok' if ok else 'MISSING'}")
    if missing:
        print(f"render_check: FAILED: no {', '.join(missing)} label on screen")
        return 1
    print("render_check: ok, every fact colour is on screen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
