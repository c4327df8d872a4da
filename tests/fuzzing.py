"""The fuzz harness: hypothesis strategies that make handbooks an author (or an attacker) might
write, and the properties every report must have.

Two kinds of input: mutations of the base handbook's files (keys deleted, misspelt or re-typed,
bytes inserted, files truncated or renamed) and hostile ones from the fuzz campaign of issue 17
(deep nesting, alias and merge-key bombs, control characters, terminal escape sequences, markup
and script in every text, ids, durations and dates at and past their limits). The unit tests run
a few dozen examples of each; ``make fuzz`` runs many more (``HANDBOOK_FUZZ`` multiplies them).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from support import BASE

from escalation_handbook.checks import RULES
from escalation_handbook.load import LoadedFile, load_bytes
from escalation_handbook.problems import LOAD_CODES, Problem

KNOWN_CODES = set(LOAD_CODES) | {r.code for r in RULES}
MISSING_OK = {"playbooks/handbook.yaml", "playbooks/contacts.yaml"}
# `make fuzz` sets this: every property runs this many times its examples.
SCALE = int(os.environ.get("HANDBOOK_FUZZ", "1"))


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings for ``examples`` runs (times ``HANDBOOK_FUZZ``), no deadline: the
    machine is shared, and speed is measured in ``bench/``, not here."""
    return settings(max_examples=examples * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def handbook_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for folder in ("playbooks", "quizzes")
                  for p in (root / folder).rglob("*.y*ml") if p.is_file())


# --- values ---------------------------------------------------------------------------------

# What the fuzz campaign put in every text field: markup, script, Markdown that Python-Markdown
# takes minutes over, terminal escapes, line breaks that could forge a report, odd Unicode.
HOSTILE_TEXT = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "[x](javascript:alert(1))", "<b>" * 300, "[" * 300, "&" * 300, "*_" * 200, "`" * 301,
    "sev1\x1b[2J\x1b[31mFAKE OK", "line one\nx.yaml:1:1: error: forged [yaml-syntax]",
    "\x02stash\x03", "tab\there", "\u202eevil", "\u2028\u2029", "{: .attr}", ":emoji:",
    "{{ jinja }}", "{% raw %}", "{#- comment -#}", "</div></script>", "'\"", "% %0A %25",
    "   padded   ", "漢字 é 🙂", "\u200b", "#", "- a\n- b", "> quote", "1. one",
    "x" * 4999,
])
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
                     "sev1", "it-oncall", "service-outage", "9999-12-31", "-1", "101",
                     "10000 years", "100 years", "100000000000000000000 days", "a" * 64,
                     "a" * 65, "a" * 251, "1899-12-31", "1900-01-01", "2999-12-31"]),
    HOSTILE_TEXT,
)
# Keys whose value is free text: anything may be written there and still pass the checks.
TEXT_KEYS = {"title", "organisation", "description", "name", "summary", "question", "help",
             "answer", "outcome", "requirement", "team", "chat", "hours", "notes", "when",
             "audience", "channel", "template", "text", "explain", "actions", "signals", "tags"}


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


def _in_text(path: tuple[Any, ...]) -> bool:
    """Whether the value at ``path`` is free text (or an item of a list of texts)."""
    keys = [p for p in path if isinstance(p, str)]
    if keys[-1:] == ["answer"] and "questions" in keys:
        return False  # a quiz question's answer is true or false, not text
    if keys[-1:] == ["template"] and "stages" in keys:
        return False  # a clock stage's template names a communication by its id
    return bool(keys) and keys[-1] in TEXT_KEYS and (
        path[-1] == keys[-1] or (isinstance(path[-1], int) and path[-2] == keys[-1]))


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
        junk = draw(st.sampled_from([
            b"\t", b":", b"- ", b"[", b"{", b"&a ", b"*a", b"\xff", b"\xc3", b"'", b'"', b"#",
            b"  ", b"\x00", b"---\n", b"\x7f", b"\x1b[2J", b"\xef\xbf\xbf", b"\r", b"<<: *a ",
            b"[" * 70, b"!!binary ", b"%YAML 1.1\n", b"? ", b"\xe2\x80\xa8"]))
        lines[index] = lines[index][:at] + junk + lines[index][at:]
    return b"\n".join(lines)


def plain(path: Path) -> Any:
    return load_bytes(path.read_bytes(), LoadedFile(path.name)).data


def dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


@st.composite
def mutated_handbook(draw: st.DrawFn, base: Path = BASE) -> dict[str, bytes | None]:
    """File → new bytes (None: deleted), for one to three files of the handbook at ``base``."""
    files = handbook_files(base)
    changes: dict[str, bytes | None] = {}
    for name in draw(st.lists(st.sampled_from(files), min_size=1, max_size=3, unique=True)):
        raw = (base / name).read_bytes()
        kind = draw(st.sampled_from(["data", "data", "data", "text", "text", "delete"]))
        if kind == "delete":
            changes[name] = None
        elif kind == "text":
            changes[name] = draw(text_mutation(raw))
        else:
            data = plain(base / name)
            for _ in range(draw(st.integers(1, 3))):
                data = draw(data_mutation(data))
            changes[name] = dump(data)
    if draw(st.booleans()):  # sometimes as .yml
        name = draw(st.sampled_from(files))
        if changes.get(name, b"") is not None and name.endswith(".yaml") and (
                name.startswith("quizzes/") or name.count("/") > 1):
            changes[name[:-5] + ".yml"] = changes.pop(name, (base / name).read_bytes())
            changes.setdefault(name, None)
    return changes


# --- hostile files --------------------------------------------------------------------------


@st.composite
def hostile_yaml(draw: st.DrawFn) -> bytes:
    """A whole file of one of the shapes the fuzz campaign found trouble with."""
    kind = draw(st.sampled_from(["flow-nesting", "block-nesting", "alias-bomb", "merge-bomb",
                                 "merge-chain", "many-keys", "character", "long-line"]))
    if kind == "flow-nesting":
        depth = draw(st.integers(1, 1200))
        return b"tags: " + b"[" * depth + b"x" + b"]" * depth + b"\n"
    if kind == "block-nesting":
        depth = draw(st.integers(1, 300))
        return "".join(" " * i + f"k{i}:\n" for i in range(depth)).encode()
    if kind == "alias-bomb":
        fan, levels = draw(st.integers(2, 12)), draw(st.integers(1, 9))
        lines = [f"a0: &a0 [{', '.join(['x'] * fan)}]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]" for i in range(1, levels)]
        return "\n".join(lines).encode() + b"\n"
    if kind == "merge-bomb":
        fan, levels = draw(st.integers(1, 12)), draw(st.integers(1, 9))
        lines = ["m0: &m0 {k: v, j: w}"]
        lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * fan)}]}}"
                  for i in range(1, levels)]
        return "\n".join(lines).encode() + b"\n"
    if kind == "merge-chain":
        n = draw(st.integers(1, 600))
        lines = ["m0: &m0 {k0: v}"] + [f"m{i}: &m{i} {{<<: *m{i - 1}, k{i}: v}}"
                                       for i in range(1, n)]
        return "\n".join(lines).encode() + b"\n"
    if kind == "many-keys":
        n = draw(st.integers(1, 3000))
        return b"title: T\n" + b"".join(b"k%d: x\n" % i for i in range(n))
    if kind == "character":
        char = draw(st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff",
                                     "\u2028", "\ud7ff"]))
        line = draw(st.integers(0, 60))
        return ("a: b\n" * line + f"title: x{char}y\n").encode("utf-8", "surrogatepass")
    return b"title: " + b"x" * draw(st.integers(1000, 200_000)) + b"\n"


@st.composite
def hostile_handbook(draw: st.DrawFn, base: Path = BASE) -> dict[str, bytes | None]:
    """One file of the base handbook replaced by a hostile one, or renamed to a hostile name."""
    files = handbook_files(base)
    name = draw(st.sampled_from(files))
    if draw(st.integers(0, 4)) == 0 and name.count("/") > 1:
        stem = draw(st.sampled_from(["nl-id\n", "a" * 200, "Bad Name", "é", "x\x1b[2J", " x",
                                     "con", "-x-", "a" * 64]))
        new = f"{name.rsplit('/', 1)[0]}/{stem}.yaml"
        return {name: None, new: (base / name).read_bytes()}
    return {name: draw(hostile_yaml())}


@st.composite
def accepted_handbook(draw: st.DrawFn, base: Path = BASE) -> dict[str, bytes | None]:
    """Hostile text in free-text values, and valid durations and dates at their limits: input
    the checks should accept, which the build must then build."""
    changes: dict[str, bytes | None] = {}
    for name in handbook_files(base):
        data = plain(base / name)
        texts = [p for p in _paths(data) if _in_text(p) and isinstance(
            _parent(data, p)[p[-1]], str)]
        for path in draw(st.lists(st.sampled_from(texts), max_size=4, unique=True)
                         if texts else st.just([])):
            _parent(data, path)[path[-1]] = draw(HOSTILE_TEXT)
        if isinstance(data, dict) and "review" in data and draw(st.booleans()):
            data["review"] = {"every": draw(st.sampled_from(["100 years", "1 day", "1200 mo"])),
                              "warn_before": draw(st.sampled_from(["100 years", "0 days"]))}
        changes[name] = dump(data)
    return changes


# --- writing and checking -------------------------------------------------------------------


def apply(root: Path, changes: dict[str, bytes | None]) -> None:
    """Lay ``changes`` (file → bytes, None: delete) over the handbook at ``root``."""
    for name, raw in changes.items():
        target = root / name
        if raw is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)


def copy_handbook(base: Path, root: Path) -> Path:
    for folder in ("playbooks", "quizzes"):
        shutil.copytree(base / folder, root / folder, dirs_exist_ok=True)
    return root


def assert_located(root: Path, problems: list[Problem]) -> None:
    """Each problem has a known code and level, a one-line message, and a line and column that
    exist in the file it names (or it names a required file that is missing)."""
    for problem in problems:
        assert problem.code in KNOWN_CODES, problem
        assert problem.message.strip(), problem
        assert problem.level in ("error", "warning"), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        shown = str(problem)
        assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]",
                             shown), shown
        file = root / problem.path
        if not file.is_file():
            assert problem.path in MISSING_OK and (problem.line, problem.col) == (1, 1), problem
            continue
        lines = file.read_bytes().decode("utf-8", errors="replace").split("\n")
        assert problem.line <= len(lines), problem
        assert problem.col <= len(lines[problem.line - 1]) + 1, problem
    assert problems == sorted(problems)
