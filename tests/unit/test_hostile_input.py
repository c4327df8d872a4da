"""Hostile input from the fuzz campaign of issue 17: `check` never crashes or stalls on it, and
what it reports is located, one line a problem, and names the real cause.

Inputs too large for an example folder are made here; the small ones are also examples under
``tests/examples/invalid/``. Speed is measured in ``bench/``: these tests only prove the
reports, but an input that stalls would stall them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import build

from escalation_handbook.checks import _loops, check
from escalation_handbook.folder import load_handbook
from escalation_handbook.load import MAX_DEPTH, LoadedFile, load_bytes
from escalation_handbook.model import DecisionTree
from escalation_handbook.model.validation import validate
from escalation_handbook.problems import REPEAT_LIMIT, Problem, capped, one_line

TODAY = date(2026, 6, 1)
TOO_DEEP = ("error: the values here are nested more than 64 levels deep: a handbook file needs "
            "a few levels; check the brackets and the indentation [too-deep]")


def load(raw: bytes) -> LoadedFile:
    return load_bytes(raw, LoadedFile("f.yaml"))


def reports(raw: bytes) -> list[str]:
    return [str(p) for p in load(raw).problems]


# --- nesting --------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 998])
def test_too_deep_flow_nesting_is_located(depth: int) -> None:
    # `tags: ` then the brackets: the first past the limit is where the report points
    raw = b"tags: " + b"[" * depth + b"x" + b"]" * depth
    assert reports(raw) == [f"f.yaml:1:{6 + MAX_DEPTH}: {TOO_DEEP}"]


def test_too_deep_past_libyaml_own_limit_is_located() -> None:
    raw = b"tags: " + b"[" * 5000 + b"x" + b"]" * 5000
    [problem] = load(raw).problems
    assert (problem.code, problem.line) == ("too-deep", 1)


def test_too_deep_block_nesting_is_located() -> None:
    raw = "".join(" " * i + f"k{i}:\n" for i in range(990)).encode()
    assert reports(raw) == [f"f.yaml:{MAX_DEPTH + 1}:{MAX_DEPTH + 1}: {TOO_DEEP}"]


def test_too_deep_block_sequences_are_located() -> None:
    raw = ("tags:\n" + "".join(" " * (2 * i) + "-\n" for i in range(990)) + " " * 1980
           + "x\n").encode()
    [problem] = load(raw).problems
    assert problem.code == "too-deep"


def test_nesting_to_the_limit_loads() -> None:
    depth = MAX_DEPTH - 1  # the file's mapping is the first level
    loaded = load(b"tags: " + b"[" * depth + b"x" + b"]" * depth)
    assert loaded.problems == []
    value = loaded.data["tags"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == ["x"]


# --- aliases and merge keys -----------------------------------------------------------------


def _merge_bomb(levels: int) -> bytes:
    lines = ["m0: &m0 {k: v, j: w}"]
    lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 10)}]}}"
              for i in range(1, levels + 1)]
    return "\n".join(lines).encode() + b"\n"


@pytest.mark.parametrize("levels", [7, 8])
def test_alias_bomb_of_merge_keys_is_refused(levels: int) -> None:
    raw = _merge_bomb(levels)
    assert len(raw) < 600
    assert reports(raw) == [
        "f.yaml:6:1: error: aliases expand this file past 100,000 values: write the values out "
        "instead of nesting aliases [alias-bomb]"]


def test_merge_keys_of_merge_keys_expand() -> None:
    loaded = load(b"a: &a {k: v}\nb: &b {<<: *a, j: w}\nc: {<<: [*b, *a], i: x}\n")
    assert loaded.data["c"] == {"i": "x", "j": "w", "k": "v"}
    assert loaded.problems == []


def test_recursive_alias_a_mapping_merged_into_itself_is_refused() -> None:
    assert reports(b"a: &a {k: v, <<: *a}\nb: x\n") == [
        "f.yaml:1:4: error: this alias merges a mapping into itself: remove the alias "
        "[recursive-alias]"]


def test_a_long_chain_of_merges_is_no_crash() -> None:
    lines = ["m0: &m0 {k0: v}"] + [f"m{i}: &m{i} {{<<: *m{i - 1}}}" for i in range(1, 2000)]
    loaded = load("\n".join(lines).encode())
    assert loaded.problems == []
    assert loaded.data["m1999"] == {"k0": "v"}


def test_too_many_values_names_the_real_cause_and_fits_the_file(tmp_path: Path) -> None:
    root = build(None, tmp_path)
    ids = ", ".join(f"c{i}" for i in range(100_000))
    (root / "playbooks" / "contacts.yaml").write_text(f"contacts: [{ids}]\n")
    problems = [str(p) for p in load_handbook(root).problems]
    assert problems == [
        "playbooks/contacts.yaml:1:1: error: the file holds more than 100,000 values: list only "
        "the people, roles and teams that pathways and owners name (contacts.yaml is one file: "
        "it cannot be split) [too-many-values]"]


def test_too_many_values_in_a_playbook_advises_splitting_it() -> None:
    from escalation_handbook.folder import SPLIT_ADVICE
    from escalation_handbook.model import Playbook

    raw = b"tags: [" + b",".join(b"t%d" % i for i in range(100_001)) + b"]\n"
    loaded = load_bytes(raw, LoadedFile("p.yaml"), SPLIT_ADVICE[Playbook])
    assert [str(p) for p in loaded.problems] == [
        "p.yaml:1:1: error: the file holds more than 100,000 values: split it into smaller "
        "playbooks (one playbook a file) [too-many-values]"]


# --- characters YAML refuses ----------------------------------------------------------------


@pytest.mark.parametrize(("char", "what"), [
    ("\x00", "U+0000 (a control character)"), ("\x7f", "U+007F (a control character)"),
    ("\x1b", "U+001B (a control character)"), ("\uffff", "U+FFFF (not a character)"),
])
def test_a_refused_character_is_reported_where_it_is(char: str, what: str) -> None:
    raw = ("a: b\n" * 49 + f"c: dé{char}e\n").encode()
    assert reports(raw) == [
        f"f.yaml:50:6: error: YAML syntax error: the character {what} is not allowed in a YAML "
        "file: delete it [yaml-syntax]"]


# --- reports --------------------------------------------------------------------------------


def test_one_line_escapes_line_breaks_and_terminal_sequences() -> None:
    assert one_line("sev1\x1b[2J\x1b[31mFAKE OK\nx.yaml:1:1: error: forged\r\u2028\x85") == (
        "sev1\\x1b[2J\\x1b[31mFAKE OK\\nx.yaml:1:1: error: forged\\r\\u2028\\x85")
    assert one_line("Tabs\tand é 漢字 stay") == "Tabs\\tand é 漢字 stay"
    assert one_line("\u202eevil\u2066") == "\\u202eevil\\u2066"


def test_every_report_is_one_line() -> None:
    problem = Problem("nl-id\n.yaml", 1, 1, "error", "invalid-id", "'a\nb' \x1b[2J")
    assert str(problem) == "nl-id\\n.yaml:1:1: error: 'a\\nb' \\x1b[2J [invalid-id]"


def test_an_escape_sequence_in_a_value_is_shown_not_run(tmp_path: Path) -> None:
    root = build(None, tmp_path)
    playbook = root / "playbooks" / "general" / "service-outage.yaml"
    text = playbook.read_text()
    playbook.write_text(text.replace("severity: sev1", 'severity: "sev1\\e[2J\\e[31mFAKE OK"', 1))
    lines = [str(p) for p in check(load_handbook(root), TODAY)]
    [line] = [x for x in lines if "FAKE OK" in x]
    assert line == (
        "playbooks/general/service-outage.yaml:10:15: error: 'sev1\\x1b[2J\\x1b[31mFAKE OK' is "
        "not a valid id: use lowercase letters, digits and '-' (such as 'sev1-2j-31mfake-ok') "
        "[invalid-id]")


def test_invalid_id_a_file_name_that_is_no_id_once_trimmed(tmp_path: Path) -> None:
    root = build(None, tmp_path)
    source = root / "playbooks" / "general" / "service-outage.yaml"
    source.rename(source.with_name("nl-id\n.yaml"))
    lines = [str(p) for p in check(load_handbook(root), TODAY)]
    assert [x for x in lines if "[invalid-id]" in x] == [
        "playbooks/general/nl-id\\n.yaml:2:1: error: the file name 'nl-id\\n' is not a valid id: "
        "rename the file using lowercase letters, digits and '-', or set 'id:' [invalid-id]"]
    assert all("\n" not in x for x in lines)


def test_capped_counts_repeats_past_the_limit() -> None:
    many = [Problem("a.yaml", n, 1, "error", "unknown-key", f"unknown key 'k{n}'")
            for n in range(1, 31)]
    other = Problem("b.yaml", 1, 1, "error", "unknown-key", "unknown key 'x'")
    kept = capped([*many, other])
    assert kept == [*many[:REPEAT_LIMIT], Problem(
        "a.yaml", REPEAT_LIMIT + 1, 1, "error", "unknown-key",
        "and 20 more unknown-key problems in this file, not listed past the first 10: fix "
        "those, then check again"), other]


def test_unknown_key_100000_are_counted_not_listed() -> None:
    from escalation_handbook.model import Quiz

    raw = (b"title: T\nplaybooks: [p]\nlast_reviewed: 2026-01-01\n"
           + b"".join(b"k%d: x\n" % i for i in range(100_000)))
    loaded = load(raw)
    assert validate(loaded, Quiz) is None
    lines = [str(p) for p in loaded.problems]
    assert len(lines) == REPEAT_LIMIT + 1
    assert lines[0].startswith("f.yaml:4:1: error: unknown key 'k0' (allowed here: id, title,")
    assert lines[-1] == (
        "f.yaml:14:1: error: and 99,990 more unknown-key problems in this file, not listed past "
        "the first 10: fix those, then check again [unknown-key]")


# --- decision trees -------------------------------------------------------------------------


def _chain(n: int, loop: bool = False) -> DecisionTree:
    nodes = {f"n{i}": {"question": f"Q{i}?", "answers": [
        {"answer": "Yes", "next": f"n{i + 1}" if i + 1 < n else ("n0" if loop else None),
         **({} if i + 1 < n and True else {"outcome": "Done."})},
        {"answer": "No", "outcome": "Stop."}]} for i in range(n)}
    for node in nodes.values():
        for answer in node["answers"]:
            if answer.get("next") is None:
                answer.pop("next", None)
    return DecisionTree.model_validate({"start": "n0", "nodes": nodes})


def test_a_chain_of_1000_nodes_has_no_loop() -> None:
    tree = _chain(1000)
    assert list(_loops(tree)) == []
    assert len(tree.reachable()) == 1000


def test_a_chain_of_1000_nodes_that_loops_back_is_found() -> None:
    tree = _chain(1000, loop=True)
    [(node, answer, loop)] = list(_loops(tree))
    assert (node, answer, len(loop), loop[0], loop[-1]) == ("n999", 0, 1001, "n0", "n0")


# --- what check accepts, build builds: bounds in the model ----------------------------------

STEP = "pathways:\n  - id: p\n    name: P\n    steps:\n      - contacts: [a]\n"


def model_reports(model: type, text: str) -> list[str]:
    loaded = load(text.encode())
    validate(loaded, model)
    return [str(p) for p in loaded.problems]


@pytest.mark.parametrize(("written", "message"), [
    ("10000 years", "'10000 years' is longer than 100 years: write a shorter duration"),
    ("100000000000000000000 days",
     "'100000000000000000000 days' is longer than 100 years: write a shorter duration"),
    ("1" * 5000 + " minutes", f"'{'1' * 5000} minutes' is longer than 100 years: write a "
     "shorter duration"),
])
def test_invalid_duration_past_100_years(written: str, message: str) -> None:
    from escalation_handbook.model import Review

    assert model_reports(Review, f"warn_before: {written}\n") == [
        f"f.yaml:1:14: error: {message} [invalid-duration]"]


def test_durations_up_to_100_years_are_accepted() -> None:
    from escalation_handbook.model import Review

    assert model_reports(Review, "every: 100 years\nwarn_before: 1200 months\n") == []


def test_invalid_id_longer_than_64_characters() -> None:
    from escalation_handbook.model import Contact

    long_id = "a" * 251
    assert model_reports(Contact, f"id: {long_id}\nname: A\ntype: team\n") == [
        "f.yaml:1:5: error: the id is 251 characters long; the limit is 64: shorten it "
        "[invalid-id]"]
    assert model_reports(Contact, f"id: {'a' * 64}\nname: A\ntype: team\n") == []


def test_invalid_id_a_trailing_newline_is_no_id() -> None:
    from escalation_handbook.model.values import is_id

    assert not is_id("nl-id\n") and is_id("nl-id")


def test_invalid_date_outside_the_years_a_handbook_uses() -> None:
    from escalation_handbook.model import Quiz

    assert model_reports(Quiz, "title: T\nplaybooks: [p]\nlast_reviewed: 9999-12-31\n") == [
        "f.yaml:3:16: error: '9999-12-31' is not a year from 1900 to 2999: check the year "
        "[invalid-date]"]


def test_pathway_steps_a_step_without_contacts(tmp_path: Path) -> None:
    root = build(None, tmp_path)
    playbook = next((root / "playbooks").glob("*/*.yaml"))
    text = playbook.read_text()
    first_contacts = text.index("contacts: [")
    end = text.index("]", first_contacts)
    playbook.write_text(text[:first_contacts] + "contacts: [" + text[end:])
    loaded_line = text[:first_contacts].count("\n") + 1
    col = first_contacts - text.rfind("\n", 0, first_contacts) + len("contacts: ")
    problems = [p for p in check(load_handbook(root), TODAY) if p.code == "pathway-steps"]
    assert [(p.line, p.col) for p in problems] == [(loaded_line, col)]
    assert "has no contacts: a step needs at least one contact to call" in problems[0].message
