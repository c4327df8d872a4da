"""The shipped JSON Schemas: generated from the model, valid draft 2020-12, wired to editors."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from support import BASE, EXAMPLES, TODAY, build

from escalation_handbook.cli import main
from escalation_handbook.model import FILE_KINDS, durations
from escalation_handbook.pipeline import check_folder
from escalation_handbook.schema import DIALECT, SCHEMA_DIR, schemas

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).parents[2]
STARTER = REPO / "escalation_handbook" / "starter"
SAMPLE = REPO  # the sample handbook: playbooks/ and quizzes/ at the top of the repository
GLOBS = {
    "handbook.schema.json": ["playbooks/handbook.y*ml"],
    "contacts.schema.json": ["playbooks/contacts.y*ml"],
    "playbook.schema.json": ["playbooks/*/**/*.y*ml"],
    "quiz.schema.json": ["quizzes/**/*.y*ml"],
}


def test_shipped_schemas_are_up_to_date() -> None:
    shipped = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    generated = schemas()
    assert set(shipped) == set(generated), "run: handbook schema --out escalation_handbook/schemas"
    for name, text in generated.items():
        assert shipped[name] == text, (
            f"escalation_handbook/schemas/{name} is out of date: run `handbook schema --out "
            "escalation_handbook/schemas` and commit the result")


@pytest.mark.parametrize("name", sorted([*GLOBS, "incident-log.schema.json"]))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    assert schema["$schema"] == DIALECT
    jsonschema.Draft202012Validator.check_schema(schema)


def test_one_schema_per_file_kind() -> None:
    assert sorted(schemas()) == sorted(
        [*(f"{kind}.schema.json" for kind in FILE_KINDS), "incident-log.schema.json"])


def test_editor_settings_map_every_schema_to_its_files() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = {Path(k).name: v for k, v in settings["yaml.schemas"].items()}
    assert mapping == GLOBS
    for path in settings["yaml.schemas"]:
        assert (REPO / path).resolve().is_file(), path


def test_schema_command_prints_and_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["schema", "--kind", "quiz"])
    assert one.exit_code == 0
    assert one.output == schemas()["quiz.schema.json"]
    written = runner.invoke(main, ["schema", "--out", str(tmp_path / "out")])
    assert written.exit_code == 0, written.output
    for name, text in schemas().items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text


def test_duration_pattern_covers_every_unit() -> None:
    pattern = re.compile(durations.PATTERN)
    for unit in durations._UNITS:
        assert pattern.match(f"2 {unit}"), unit
        assert pattern.match(f"2{unit}"), unit


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors read it (1.2 core): no timestamps, only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _editor_view(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


def _kind(relative: str) -> str | None:
    if relative.startswith("quizzes/"):
        return "quiz.schema.json"
    name = Path(relative).stem
    if relative.count("/") == 1:
        return f"{name}.schema.json" if name in ("handbook", "contacts") else None
    return "playbook.schema.json"


def _handbook_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for folder in ("playbooks", "quizzes")
                  for p in (root / folder).rglob("*.y*ml") if p.is_file())


def _validator(name: str) -> Any:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("relative", _handbook_files(STARTER))
def test_starter_files_pass_their_schema(relative: str) -> None:
    errors = list(_validator(_kind(relative)).iter_errors(_editor_view(STARTER / relative)))
    assert not errors, [e.message for e in errors]


def test_sample_handbook_files_pass_their_schema() -> None:
    files = _handbook_files(SAMPLE) if (SAMPLE / "playbooks").is_dir() else []
    if not files:
        pytest.skip("the sample handbook is not written yet")
    failures = {}
    for relative in files:
        errors = list(_validator(_kind(relative)).iter_errors(_editor_view(SAMPLE / relative)))
        if errors:
            failures[relative] = [e.message for e in errors]
    assert not failures


@pytest.mark.parametrize(("name", "document", "complaint"), [
    ("playbook.schema.json", {"title": "x", "escalte_after": "1h"}, "escalte_after"),
    ("quiz.schema.json", {"title": "x", "playbooks": ["a"], "last_reviewed": "2026-01-15",
                          "pass_mark": "eighty"}, "eighty"),
    ("contacts.schema.json", {"contacts": [{"id": "Bad Id", "name": "x", "type": "team"}]},
     "Bad Id"),
    ("handbook.schema.json", {"title": "x", "organisation": "y", "severities": [
        {"id": "sev1", "name": "C", "description": "d", "respond_within": "soon"}]}, "soon"),
])
def test_schemas_catch_mistakes_as_the_editor_types(name: str, document: Any,
                                                    complaint: str) -> None:
    errors = list(_validator(name).iter_errors(document))
    assert any(complaint in e.message for e in errors), [e.message for e in errors]


def test_dates_are_strings_for_editors() -> None:
    assert _editor_view(BASE / "quizzes" / "service-outage-basics.yaml")["last_reviewed"] == (
        date(2026, 1, 15).isoformat())


# --- the schemas and `check` agree on every negative example ----------------------------------

INVALID = EXAMPLES / "invalid"
# What a JSON Schema cannot see, with why: a file that `check` rejects only for these codes (or,
# for a code a schema sees in part, in these cases) may pass its schema. Any other disagreement,
# either way, fails the test below.
SCHEMA_CANNOT_SEE = {
    "unknown-contact": "contacts are in contacts.yaml: another file",
    "unknown-severity": "severities are in handbook.yaml: another file",
    "unknown-playbook": "playbooks are other files",
    "unknown-clock": "the clock library ships with the tool; handbook.yaml may add clocks",
    "unknown-pathway": "an id named elsewhere in the file: a schema checks shapes, not ids",
    "unknown-node": "an id named elsewhere in the file",
    "unknown-template": "an id named elsewhere in the file",
    "duplicate-id": "ids unique across items and files",
    "duplicate-file": "two files of one name: a schema sees one file",
    "unreachable-contact": "how to reach a contact is in contacts.yaml",
    "tree-unreachable": "a walk over the tree from its start",
    "tree-cycle": "a walk over the tree from its start",
    "clock-not-met": "the clock's times against the pathway's steps and who they call",
    "future-date": "needs today's date",
    "invalid-date": "a date that is not in the calendar (2026-02-30) has the shape of one",
    "invalid-email": "the rules of e-mail addresses are more than a pattern",
    "invalid-phone": "a number's digits are checked by its country's rules",
    "duplicate-key": "YAML readers keep one of the repeated values and say nothing",
    "hours-country": "the country of public holidays is in handbook.yaml",
    "too-slow": "the severity's respond_within is in handbook.yaml",
    "invalid-hours": "working hours are days, times and zones read by a parser: a pattern of "
                     "them would be that parser again (and other text is allowed, shown as is)",
}
CASES_SCHEMA_CANNOT_SEE = {
    "tree-start": "start must name one of the tree's own nodes",
    "invalid-id/file-name": "the id is the file's name",
    "invalid-duration/past-100-years": "the longest duration bounds the amount with its unit",
    "unknown-trigger/in-a-playbook": "an id named elsewhere in the file",
    "unknown-trigger/triage-tree": "the triage tree has the shape of a playbook's tree",
    "unknown-trigger/triage-named-playbook": "a trigger of another file",
    "clock-definition/business-days-without-country": "the country may be in handbook.yaml",
    "clock-definition/no-within": "a stage may take its time limit from the clock it uses",
    "clock-definition/since-a-later-stage": "stages name each other by id, in order",
}


def _overlay_files(case: Path) -> list[str]:
    return sorted(p.relative_to(case).as_posix() for p in case.rglob("*.y*ml")
                  if p.relative_to(case).parts[0] in ("playbooks", "quizzes"))


def _schema_errors(root: Path, relative: str) -> list[str]:
    try:
        document = _editor_view(root / relative)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as error:
        return [f"not YAML: {type(error).__name__}"]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in _validator(_kind(relative)).iter_errors(document)]


def _disagreements(case: Path, tmp_path: Path) -> list[str]:
    root = build(case, tmp_path / case.relative_to(INVALID).as_posix().replace("/", "_"))
    errors = [p for p in check_folder(root, date.fromisoformat(TODAY)).problems if p.is_error]
    found = []
    for relative in _overlay_files(case):
        if "/." in f"/{relative}" or _kind(relative) is None:
            continue  # drafts and files of no kind are not handbook files
        codes = {p.code for p in errors if p.path == relative}
        schema = _schema_errors(root, relative)
        unseen = case.relative_to(INVALID).as_posix() in CASES_SCHEMA_CANNOT_SEE
        if codes and not schema and not unseen and not codes <= set(SCHEMA_CANNOT_SEE):
            found.append(f"{case.relative_to(INVALID)}/{relative}: check says "
                         f"{sorted(codes)}, the schema accepts it")
        elif schema and not codes:
            found.append(f"{case.relative_to(INVALID)}/{relative}: the schema says {schema}, "
                         "check accepts it")
    return found


def test_the_schemas_and_check_agree_on_every_negative_example(tmp_path: Path) -> None:
    """Each file of each `tests/examples/invalid/` case: refused by both, or accepted by both,
    unless `check` refuses it only for what a schema cannot see (the two lists above)."""
    cases = sorted(p.parent for p in INVALID.rglob("expected.txt"))
    found = [line for case in cases for line in _disagreements(case, tmp_path)]
    assert found == [], "\n".join(found)


def test_ids_say_what_they_name_with_an_example_of_their_own() -> None:
    playbook = json.loads((SCHEMA_DIR / "playbook.schema.json").read_text(encoding="utf-8"))
    trigger = playbook["$defs"]["Trigger"]["properties"]
    assert playbook["properties"]["owner"]["examples"] == ["duty-manager"]
    assert trigger["severity"]["examples"] == ["sev1"]
    assert trigger["pathway"]["examples"] == ["security-escalation"]
    assert playbook["$defs"]["DecisionTree"]["required"] == ["start", "nodes"]
    quiz = json.loads((SCHEMA_DIR / "quiz.schema.json").read_text(encoding="utf-8"))
    assert (quiz["properties"]["pass_mark"]["minimum"],
            quiz["properties"]["pass_mark"]["maximum"]) == (1, 100)
    assert "null" not in json.dumps(playbook) + json.dumps(quiz)
