"""Sections of BENCHMARKS.md that a benchmark of its own writes (`bench.live_preview`,
`bench.commit_hook`), between `<!-- section:NAME -->` and `<!-- /section:NAME -->`, so that
each benchmark can be run again alone and `bench.report` keeps the others' sections."""

from __future__ import annotations

import re
from pathlib import Path


def _pattern(name: str) -> re.Pattern[str]:
    name = re.escape(name)
    return re.compile(rf"<!-- section:{name} -->\n.*?<!-- /section:{name} -->\n", re.S)


def block(name: str, text: str) -> str:
    return f"<!-- section:{name} -->\n{text.rstrip()}\n<!-- /section:{name} -->\n"


def replace_section(path: Path, name: str, text: str) -> None:
    """Put ``text`` in section ``name`` of ``path`` (at the end when it has none yet)."""
    old = path.read_text("utf-8") if path.exists() else ""
    new = block(name, text)
    pattern = _pattern(name)
    path.write_text(pattern.sub(lambda _: new, old) if pattern.search(old)
                    else old.rstrip() + "\n\n" + new, "utf-8")


def kept_sections(path: Path) -> str:
    """Every section in ``path``, to write again after a report that rewrites the file."""
    if not path.exists():
        return ""
    found = re.findall(r"<!-- section:([\w-]+) -->\n", path.read_text("utf-8"))
    text = path.read_text("utf-8")
    return "\n".join(m.group(0) for name in found if (m := _pattern(name).search(text)))
