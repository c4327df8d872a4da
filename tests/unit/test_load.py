"""The loader: every scalar kept as written, positions of every value, and YAML's traps refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import EXAMPLES, build

from escalation_handbook.folder import load_handbook
from escalation_handbook.load import MAX_BYTES, LoadedFile, load_bytes, load_file
from escalation_handbook.model import Contact, Question, TreeNode
from escalation_handbook.model.validation import validate


def load(text: str | bytes) -> LoadedFile:
    raw = text.encode() if isinstance(text, str) else text
    return load_bytes(raw, LoadedFile("f.yaml"))


def problems(text: str | bytes) -> list[str]:
    return [str(p) for p in load(text).problems]


@pytest.mark.parametrize(("written", "kept"), [
    ("Yes", "Yes"), ("No", "No"), ("on", "on"), ("0800 123 456", "0800 123 456"),
    ("09:00-17:30", "09:00-17:30"), ("12:30", "12:30"), ("0123", "0123"), ("1e3", "1e3"),
    ("2026-01-15", "2026-01-15"), ("true", "true"), ("'quoted'", "quoted"), ('"~"', "~"),
    ("0x1F", "0x1F"), (".inf", ".inf"),
])
def test_scalars_are_the_text_written(written: str, kept: str) -> None:
    assert load(f"value: {written}\n").data == {"value": kept}


@pytest.mark.parametrize("written", ["", "~", "null", "Null"])
def test_unquoted_nulls_are_none(written: str) -> None:
    assert load(f"value: {written}\n").data == {"value": None}


def test_model_reads_text_as_the_field_expects() -> None:
    contact = Contact.model_validate(load(
        "id: it\nname: IT\ntype: team\nphone: 0800 123 456\nhours: 09:00-17:30\n").data)
    assert contact.phone == "0800 123 456"
    assert contact.hours == "09:00-17:30"
    node = TreeNode.model_validate(load(
        "question: Down?\nanswers:\n  - answer: Yes\n    outcome: x\n  - answer: No\n"
        "    outcome: y\n").data)
    assert [a.answer for a in node.answers] == ["Yes", "No"]
    question = Question.model_validate(load("question: Q\nanswer: True\n").data)
    assert question.answer is True


def test_only_yaml_1_2_booleans_are_true_or_false() -> None:
    """`yes`, `off` are booleans to YAML 1.1 readers and text to editors: refused, so the
    schema and the checker agree."""
    for written, value in (("true", True), ("FALSE", False), ("False", False)):
        assert Question.model_validate(load(f"question: Q\nanswer: {written}\n").data
                                       ).answer is value
    loaded = load("question: Q\nanswer: off\n")
    assert validate(loaded, Question) is None
    assert [str(p) for p in loaded.problems] == [
        "f.yaml:2:9: error: 'answer' must be true or false, not 'off': some YAML readers take "
        "'off' for true or false and others (editors, the JSON Schemas) for text, so write true "
        "or false [wrong-type]"]


def test_scalars_example_keeps_values(tmp_path: Path) -> None:
    root = build(EXAMPLES / "valid" / "scalars-as-written", tmp_path)
    handbook = load_handbook(root)
    assert handbook.problems == []
    phones = {c.id: c.phone for c in handbook.contacts}
    assert phones == {"it-oncall": "0800 123 456", "duty-manager": "0161 496 0001"}
    assert handbook.contact("duty-manager").hours == "09:00-17:30"  # type: ignore[union-attr]
    tree = handbook.playbooks[0].model.decision_tree
    assert tree is not None
    assert [a.answer for a in tree.nodes["is-down"].answers] == ["No", "Yes"]
    choices = handbook.quizzes[0].model.questions[0].choices or []
    assert [c.text for c in choices] == ["Yes", "No", "1.0", "null-route"]
    assert [c.correct for c in choices] == [True, False, False, False]


def test_yml_files_are_read(tmp_path: Path) -> None:
    root = build(EXAMPLES / "valid" / "yml-extension", tmp_path)
    handbook = load_handbook(root)
    assert handbook.problems == []
    assert handbook.settings is not None and handbook.settings.path == "playbooks/handbook.yml"
    assert handbook.contacts_file is not None
    assert [d.path for d in handbook.playbooks] == ["playbooks/general/service-outage.yml"]
    assert [d.id for d in handbook.quizzes] == ["service-outage-basics"]


def test_positions_of_values_and_keys() -> None:
    loaded = load("a: 1\nlist:\n  - x\n  - key: 漢字 value\n    other: y\n")
    assert loaded.locate(("a",)) == (1, 4)
    assert loaded.locate(("a",), key=True) == (1, 1)
    assert loaded.locate(("list", 1, "other")) == (5, 12)
    assert loaded.locate(("list", 1, "other"), key=True) == (5, 5)
    assert loaded.locate(("list", 1, "missing")) == (4, 5)  # the mapping it is missing from
    assert loaded.locate(("list", 7)) == (3, 3)


def test_positions_count_characters_and_only_newlines_break_lines() -> None:
    # YAML breaks lines at NEL (U+0085) even inside quotes; editors do not
    loaded = load("a: 'x\u0085y'\nb: [1]\n")
    assert loaded.locate(("b",)) == (2, 4)


def test_merge_keys_expand_and_own_keys_win() -> None:
    loaded = load("base: &b\n  x: 1\n  y: 2\nthing:\n  <<: *b\n  y: 3\n")
    assert loaded.data["thing"] == {"y": "3", "x": "1"}
    assert loaded.problems == []


def test_duplicate_key_names_both_lines() -> None:
    assert problems("a: 1\nb: 2\na: 3\n") == [
        "f.yaml:3:1: error: key 'a' is repeated (first at line 1): keep one of them "
        "[duplicate-key]"]


def test_duplicate_key_keeps_the_first_value() -> None:
    assert load("a: 1\na: 2\n").data == {"a": "1"}


def test_recursive_alias_is_refused() -> None:
    loaded = load("a: &x\n  - *x\n")
    assert [p.code for p in loaded.problems] == ["recursive-alias"]
    assert loaded.data is None


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    loaded = load("\n".join(lines) + "\n")
    assert [(p.line, p.col, p.code) for p in loaded.problems] == [(6, 1, "alias-bomb")]
    assert loaded.data is None


def test_file_too_large_past_one_megabyte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"notes: " + b"x" * MAX_BYTES + b"\n")
    assert [str(p) for p in load_file(path, "big.yaml").problems] == [
        "big.yaml:1:1: error: the file is 1,000,008 bytes; the limit is 1,000,000: split it "
        "into smaller files [file-too-large]"]


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"  # a folder cannot be read as a file, even by root
    folder.mkdir()
    assert [str(p) for p in load_file(folder, "folder.yaml").problems] == [
        "folder.yaml:1:1: error: cannot read the file: Is a directory [unreadable]"]


def test_a_large_playbook_in_a_handbook_is_reported(tmp_path: Path) -> None:
    root = build(None, tmp_path)
    path = root / "playbooks" / "general" / "huge.yaml"
    path.write_bytes(b"title: Huge\nsummary: |\n" + b"  words words words\n" * 60_000)
    handbook = load_handbook(root)
    assert [(p.path, p.code) for p in handbook.problems] == [
        ("playbooks/general/huge.yaml", "file-too-large")]


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", "f.yaml:1:1: error: the file is empty: write its keys, or delete it [empty-file]"),
    (b"\xef\xbb\xbf# only a comment\n",
     "f.yaml:1:1: error: the file is empty: write its keys, or delete it [empty-file]"),
    (b"- a\n", "f.yaml:1:1: error: the file must be a mapping of keys to values (key: value), "
               "not a list [not-a-mapping]"),
    (b"a: \xc3\xa9\xe9\n", "f.yaml:1:5: error: byte 0xe9 is not UTF-8: save the file as UTF-8 "
                          "[not-utf8]"),
    (b"a: 1\n  b: 2\n", "f.yaml:2:3: error: YAML syntax error: 'b' is indented deeper than "
                        "the key above it ('a'): start it in the same column as 'a' (or, if it "
                        "is more of the text above, put that text in quotes) [yaml-syntax]"),
    (b"a: b: 2\n", "f.yaml:1:5: error: YAML syntax error: mapping values are not allowed "
                   "in this context: a value holding ': ' must be put in quotes [yaml-syntax]"),
    (b"- a: 1\n    b: 2\n", "f.yaml:2:5: error: YAML syntax error: 'b' is indented deeper "
                          "than the key above it ('a'): start it in the same column as 'a' (or, "
                          "if it is more of the text above, put that text in quotes) "
                          "[yaml-syntax]"),
    (b"a: *nope\n", "f.yaml:1:4: error: YAML syntax error: found undefined alias: define the "
                    "anchor (&name) before using it (*name) [yaml-syntax]"),
    (b"a: `x`\n", "f.yaml:1:4: error: YAML syntax error: found character that cannot start "
                  "any token (while scanning for the next token): a value starting with '`' "
                  "must be put in quotes [yaml-syntax]"),
    (b"[a, b]: 1\n", "f.yaml:1:1: error: a key must be plain text, not a list [complex-key]"),
])
def test_file_level_problems(raw: bytes, expected: str) -> None:
    assert problems(raw) == [expected]


def test_validate_reports_every_problem_located() -> None:
    loaded = load("id: Bad Id\nname: [x]\ntype: team\nphone: abc\nemal: a@b.example\n")
    assert validate(loaded, Contact) is None
    assert [str(p) for p in loaded.problems] == [
        "f.yaml:1:5: error: 'Bad Id' is not a valid id: use lowercase letters, digits and '-' "
        "(such as 'bad-id') [invalid-id]",
        "f.yaml:2:7: error: 'name' must be text, not a list [wrong-type]",
        "f.yaml:4:8: error: 'abc' is not a phone number: write the number as it is dialled "
        "from outside, such as \"0121 234 5678\" or \"+44 121 234 5678\", and an extension "
        "after it, such as \"+44 121 234 5678 ext. 2222\" [invalid-phone]",
        "f.yaml:5:1: error: unknown key 'emal': did you mean 'email'? (allowed here: id, name, "
        "type, team, phone, email, chat, url, hours, backup, notes) [unknown-key]",
    ]


def test_validate_messages_for_lists_and_bounds() -> None:
    from escalation_handbook.model import Quiz

    loaded = load("title: Q\nplaybooks: []\nlast_reviewed: 2026-01-15\nquestions: ~\n"
                  "generated_questions: 51\n")
    assert validate(loaded, Quiz) is None
    assert [str(p) for p in sorted(loaded.problems)] == [
        "f.yaml:2:12: error: 'playbooks' needs at least 1 item: add one [invalid-value]",
        "f.yaml:4:1: error: 'questions' is empty: write its value after 'questions:', or "
        "remove the key [empty-value]",
        "f.yaml:5:22: error: 'generated_questions' must be at most 50, not 51 [invalid-value]",
    ]
