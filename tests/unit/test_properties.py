"""Property: whatever an author does to a handbook's files, `check` gives a clean, located report.

Hypothesis mutates the starter handbook's files — keys deleted, duplicated, misspelt or re-typed,
values swapped for other types, files truncated at random bytes — and every time the check must
not raise, and every problem must point at a line and column that exist in a file that exists
(or in the file it says is missing), with a known code and a message.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import BASE, copy_base

from escalation_handbook.checks import RULES, check
from escalation_handbook.folder import load_handbook
from escalation_handbook.load import LoadedFile, load_bytes
from escalation_handbook.problems import LOAD_CODES

SAMPLE = Path(__file__).parents[2]  # the sample handbook: playbooks/ and quizzes/ at the top


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for folder in ("playbooks", "quizzes")
                  for p in (root / folder).rglob("*.y*ml") if p.is_file())


FILES = _files(BASE)
KNOWN_CODES = set(LOAD_CODES) | {r.code for r in RULES}
MISSING_OK = {"playbooks/handbook.yaml", "playbooks/contacts.yaml"}
TODAY = date(2026, 6, 1)

# Values that a key might wrongly hold.
OTHER_VALUES = st.one_of(
    st.just([]), st.just({}), st.just(None), st.just(""),
    st.integers(-10**6, 10**6), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.text(max_size=5), max_size=2),
    st.text(max_size=20),
    st.text(alphabet="é漢字🙂\u200b\u202e", min_size=1, max_size=8),
    st.integers(200, 3000).map(lambda n: "x" * n),
    st.sampled_from(["Yes", "no", "0800 123", "09:00-17:30", "2026-02-30", "15 parsecs",
                     "javascript:alert(1)", "~", "null", "&a", "*a", "!!python/object:x",
                     "sev1", "it-oncall", "service-outage", "9999-12-31", "-1", "101"]),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in plain data (keys of mappings, indexes of lists)."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def data_mutation(draw: st.DrawFn, data: Any) -> Any:
    """Mutate plain data at a random place: delete, misspell, re-type."""
    paths = _paths(data)
    if not paths:
        return data
    path = draw(st.sampled_from(paths))
    parent = _parent(data, path)
    last = path[-1]
    action = draw(st.sampled_from(["delete", "misspell", "retype", "retype", "rename-other"]))
    if action == "delete":
        del parent[last]
    elif action == "misspell" and isinstance(parent, dict):
        key = str(last)
        index = draw(st.integers(0, max(len(key) - 1, 0)))
        new = key[:index] + draw(st.sampled_from(["", "x", "_", key[index:index + 1] * 2])) \
            + key[index + 1:]
        value = parent.pop(last)
        parent[new or "x"] = value
    elif action == "rename-other" and isinstance(parent, dict):
        value = parent.pop(last)
        parent[draw(st.sampled_from(["id", "title", "after", "next", "trigger", "outcome",
                                     "choices", "answer", "steps", "contacts", "start"]))] = value
    else:
        parent[last] = draw(OTHER_VALUES)
    return data


@st.composite
def text_mutation(draw: st.DrawFn, raw: bytes) -> bytes:
    """Mutate the bytes of a file: truncate, duplicate a line, insert bytes."""
    action = draw(st.sampled_from(["truncate", "duplicate-line", "insert", "swap-lines"]))
    if action == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    lines = raw.split(b"\n")
    index = draw(st.integers(0, len(lines) - 1))
    if action == "duplicate-line":
        lines.insert(index, lines[index])
    elif action == "swap-lines":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    else:
        at = draw(st.integers(0, len(lines[index])))
        junk = draw(st.sampled_from([b"\t", b":", b"- ", b"[", b"{", b"&a ", b"*a", b"\xff",
                                     b"\xc3", b"'", b'"', b"#", b"  ", b"\x00", b"---\n"]))
        lines[index] = lines[index][:at] + junk + lines[index][at:]
    return b"\n".join(lines)


def _plain(path: Path) -> Any:
    loaded = load_bytes(path.read_bytes(), LoadedFile(path.name))
    return loaded.data


@st.composite
def mutated_handbook(draw: st.DrawFn, base: Path = BASE) -> dict[str, bytes | None]:
    """File → new bytes (None: deleted), for one to three files of the handbook at ``base``."""
    files = _files(base)
    changes: dict[str, bytes | None] = {}
    for name in draw(st.lists(st.sampled_from(files), min_size=1, max_size=3, unique=True)):
        raw = (base / name).read_bytes()
        kind = draw(st.sampled_from(["data", "data", "data", "text", "text", "delete"]))
        if kind == "delete":
            changes[name] = None
        elif kind == "text":
            changes[name] = draw(text_mutation(raw))
        else:
            data = _plain(base / name)
            for _ in range(draw(st.integers(1, 3))):
                data = draw(data_mutation(data))
            changes[name] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    if draw(st.booleans()):  # sometimes as .yml
        name = draw(st.sampled_from(files))
        if changes.get(name, b"") is not None and name.endswith(".yaml") and (
                name.startswith("quizzes/") or name.count("/") > 1):
            changes[name[:-5] + ".yml"] = changes.pop(name, (base / name).read_bytes())
            changes.setdefault(name, None)
    return changes


def _check_mutated(base: Path, changes: dict[str, bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("playbooks", "quizzes"):
            shutil.copytree(base / folder, root / folder)
        for name, raw in changes.items():
            target = root / name
            if raw is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(raw)
        handbook = load_handbook(root)
        problems = check(handbook, TODAY)
        _assert_located(root, problems)
        assert problems == sorted(problems)


def _assert_located(root: Path, problems: list[Any]) -> None:
    for problem in problems:
        assert problem.code in KNOWN_CODES, problem
        assert problem.message.strip(), problem
        assert problem.level in ("error", "warning"), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        file = root / problem.path
        if not file.is_file():
            assert problem.path in MISSING_OK and (problem.line, problem.col) == (1, 1), problem
            continue
        lines = file.read_bytes().decode("utf-8", errors="replace").split("\n")
        assert problem.line <= len(lines), problem
        assert problem.col <= len(lines[problem.line - 1]) + 1, problem


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_handbook())
def test_any_mutation_gives_a_clean_located_report(changes: dict[str, bytes | None]) -> None:
    _check_mutated(BASE, changes)


@pytest.mark.skipif(not (SAMPLE / "playbooks" / "handbook.yaml").is_file(),
                    reason="the sample handbook is not written yet")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_handbook(SAMPLE))
def test_any_mutation_of_the_sample_gives_a_clean_located_report(
        changes: dict[str, bytes | None]) -> None:
    _check_mutated(SAMPLE, changes)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FILES), st.data())
def test_truncating_a_file_anywhere_is_reported_cleanly(name: str, data: st.DataObject) -> None:
    raw = (BASE / name).read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copy_base(root)
        (root / name).write_bytes(raw[:cut])
        problems = check(load_handbook(root), TODAY)
        _assert_located(root, problems)
        if cut == 0:
            assert any(p.code == "empty-file" and p.path == name for p in problems)
