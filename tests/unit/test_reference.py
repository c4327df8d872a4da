"""The "Writing playbooks" page is generated from the model: every key, with an example."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from escalation_handbook.checks import RULES
from escalation_handbook.model import FILE_KINDS
from escalation_handbook.problems import LOAD_CODES
from escalation_handbook.render.reference import EXAMPLES, reference_page


def _models(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _leaf_keys() -> set[tuple[str, str]]:
    """(model, key) of every key that holds values rather than nested mappings."""
    keys: set[tuple[str, str]] = set()
    todo, seen = list(FILE_KINDS.values()), set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            nested = _models(field.annotation)
            todo += nested
            if not nested:
                keys.add((model.__name__, name))
    return keys


def test_every_key_has_an_example_and_no_example_is_stale():
    keys = _leaf_keys()
    assert {k for k in keys if k not in EXAMPLES} == {
        ("Review", "every"), ("Review", "warn_before")}  # these declare their own
    assert set(EXAMPLES) - keys == set()


def test_the_page_shows_type_requirement_meaning_and_example():
    page = reference_page()
    assert ("| `signals` | list of text | no | Words people search for: symptoms, error "
            "messages, slang. | `signals: [tracking page blank, parcels not scanning]` |") in page
    assert ("| `answer` | text | yes | The answer's text, shown on its button. "
            "| `answer: Yes` |") in page
    assert "`every: 6 months`" in page


def test_the_page_documents_every_check():
    page = reference_page()
    for each in RULES:
        assert f"| `{each.code}` | {each.level} |" in page


def test_the_page_documents_every_load_code_next_to_the_checks():
    page = reference_page()
    checks = page.index("## The checks")
    for code in LOAD_CODES:
        assert page.index(f"| `{code}` | error |") > checks


def test_every_example_reads_back_as_the_value_it_shows():
    """An example copied into a file means what the table says: `chat: "#it-oncall"`, quoted,
    since unquoted YAML would read a comment and leave the key empty."""
    from escalation_handbook.load import LoadedFile, load_bytes
    from escalation_handbook.render.reference import _example

    assert '`chat: "#it-oncall"`' in reference_page()
    for (model, key), value in EXAMPLES.items():
        written = _example(model, key, None).strip("`").replace("\\|", "|")
        data = load_bytes(written.encode(), LoadedFile("f.yaml")).data
        expected = str(value).lower() if isinstance(value, bool) else value
        if isinstance(value, int) and not isinstance(value, bool):
            expected = str(value)
        assert data == {key: expected}, (model, key, written)


def test_the_page_says_what_the_checks_require_and_default():
    """`start:` is required (by `tree-start`), pass_mark is 80 unless written, generated
    questions come after the written ones, the first step has no `after:`, ids have one form."""
    page = reference_page()
    assert "| `start` | id | yes | The id of the first node. |" in page
    assert "1 to 100. Default: `80`. | `pass_mark: 80` |" in page
    assert "added after the written ones. Default: `0`." in page
    assert "none on the first step (it starts at once)" in page
    assert ("An **id** (a playbook's, a contact's, a node's, …) is lowercase letters and digits "
            "in words joined by single `-`") in page
