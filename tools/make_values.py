"""Write src/roros_cli/roros.values from data/roros.toml: the built-in file's bare values for a fast start-up.

Usage: python tools/make_values.py [--check]

Run it after every change to data/roros.toml; tests/test_cache.py fails until the two agree (and until then
`roros get` only loses its head start: the values answer only for the bytes they were made from).
"""

from __future__ import annotations

import sys
from pathlib import Path

from roros_cli import loader, prebuilt

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "roros.toml"
TARGET = ROOT / "src" / "roros_cli" / prebuilt.FILE_NAME


def expected() -> str:
    raw = DATA.read_bytes()
    return prebuilt.render(loader.parse(raw.decode("utf-8"), loader.BUILTIN_NAME), raw)


def main() -> int:
    text = expected()
    if "--check" in sys.argv[1:]:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print("up to date" if same else "stale: run python tools/make_values.py", file=sys.stderr)
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
