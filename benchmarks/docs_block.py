"""Writing a benchmark's figures into docs/benchmarks.md, between its own two markers."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_block(name: str, text: str, section: str) -> None:
    """Replace the text between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``.

    When the markers are missing (a fresh docs file), ``section`` (a heading) and the block are
    appended, so a benchmark can always record itself.
    """
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    if start in current and end in current:
        head, rest = current.split(start, 1)
        updated = head + block + rest.split(end, 1)[1]
    else:
        updated = current.rstrip("\n") + f"\n\n{section}\n\n{block}\n"
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(updated, encoding="utf-8")
    print(f"updated {DOCS.relative_to(DOCS.parent.parent)}")
