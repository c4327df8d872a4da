"""A handbook folder → every file loaded and modelled, with the problems found on the way.

Each file is loaded and validated on its own, so one broken file costs only its own model: the
rest of the handbook is still checked, and references to a broken file's id are not reported
again as missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from .load import LoadedFile, Loc, load_bytes, load_file
from .model import FILE_NAME, Contact, ContactsFile, Playbook, Quiz, Settings
from .model.phones import DEFAULT_REGION
from .model.phones import REGION as PHONE_REGION
from .model.validation import validate
from .model.values import is_id
from .problems import Problem
from .sources import handbook_files

M = TypeVar("M", bound=BaseModel)
YAML_SUFFIXES = (".yaml", ".yml")
SETTINGS_NAME = "handbook"
CONTACTS_NAME = "contacts"
# What to do about a file past the loader's size limits, for each kind of file.
SPLIT_ADVICE: dict[type[BaseModel], str] = {
    Settings: "keep handbook.yaml to settings, severities and the triage tree; the detail "
              "belongs in playbooks",
    ContactsFile: "list only the people, roles and teams that pathways and owners name "
                  "(contacts.yaml is one file: it cannot be split)",
    Playbook: "split it into smaller playbooks (one playbook a file)",
    Quiz: "split it into smaller quizzes (one quiz a file)",
}


@dataclass
class Document(Generic[M]):
    """A model object and the file it came from, so checks can point at any of its values."""

    file: LoadedFile
    model: M
    id: str = ""
    section: str = ""  # playbooks: the folder under playbooks/, such as "security"

    @property
    def path(self) -> str:
        return self.file.path

    def at(self, *loc: str | int, key: bool = False) -> tuple[int, int]:
        return self.file.locate(loc, key=key)

    def problem(
        self, loc: Loc, code: str, message: str, level: str = "error", key: bool = False
    ) -> Problem:
        line, col = self.file.locate(loc, key=key)
        return Problem(self.path, line, col, level, code, message)  # type: ignore[arg-type]


@dataclass
class Handbook:
    root: Path
    playbooks_dir: str = "playbooks"
    quizzes_dir: str = "quizzes"
    settings: Document[Settings] | None = None
    contacts_file: Document[ContactsFile] | None = None
    playbooks: list[Document[Playbook]] = field(default_factory=list)
    quizzes: list[Document[Quiz]] = field(default_factory=list)
    # Ids of files that exist but did not load: references to them are not "unknown".
    broken_playbooks: set[str] = field(default_factory=set)
    broken_contacts: bool = False
    broken_contact_entries: int = 0  # entries of a contacts.yaml that did not load
    broken_playbook_files: int = 0
    broken_quiz_files: int = 0
    # Playbooks that quizzes which did not load say they cover ("*": any, when unreadable).
    broken_quizzes_cover: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    # Each file's load kept from the previous load (`handbook serve`), or None.
    reuse: FileCache | None = field(default=None, repr=False, compare=False)

    @property
    def contacts(self) -> list[Contact]:
        return self.contacts_file.model.contacts if self.contacts_file else []

    def contact(self, contact_id: str) -> Contact | None:
        return self.contact_index.get(contact_id)

    # Indexes for lookups by id, built on first use: a handbook is complete once loaded.
    @cached_property
    def contact_index(self) -> dict[str, Contact]:
        return {c.id: c for c in reversed(self.contacts)}  # the first of duplicates wins

    @cached_property
    def playbook_index(self) -> dict[str, Document[Playbook]]:
        return {d.id: d for d in reversed(self.playbooks)}

    def playbook(self, playbook_id: str) -> Document[Playbook] | None:
        return self.playbook_index.get(playbook_id)

    def quiz_owner(self, quiz: Quiz) -> str | None:
        """The quiz's owner, by default its first playbook's; None when that did not load."""
        if quiz.owner:
            return quiz.owner
        first = self.playbook(quiz.playbooks[0]) if quiz.playbooks else None
        return first.model.owner if first else None

    @property
    def files_count(self) -> int:
        """Playbook files checked, loaded or not."""
        return len(self.playbooks) + self.broken_playbook_files

    @property
    def contacts_count(self) -> int:
        """Contacts checked: those loaded, or the entries of a contacts.yaml that did not."""
        return len(self.contacts) + self.broken_contact_entries

    @property
    def quiz_files_count(self) -> int:
        """Quiz files checked, loaded or not."""
        return len(self.quizzes) + self.broken_quiz_files


@dataclass
class _Kept:
    raw: bytes
    context: dict[str, str]  # what validation was given beside the file (the phone region)
    loaded: LoadedFile
    result: BaseModel | None
    problems: list[Problem]


class FileCache:
    """Each file's load and model, kept between the loads of a serving process: a file whose
    bytes are the same is not parsed or validated again (and gives the same model object)."""

    def __init__(self) -> None:
        self._files: dict[tuple[Path, type[BaseModel]], _Kept] = {}
        self._seen: set[tuple[Path, type[BaseModel]]] = set()

    def read(self, handbook: Handbook, path: Path, model: type[M], context: dict[str, str]
             ) -> tuple[LoadedFile, M | None, list[Problem]]:
        key = (path, model)
        self._seen.add(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self._files.pop(key, None)
            loaded, result = _load(handbook, path, model, context)  # says why it cannot be read
            return loaded, result, loaded.problems
        kept = self._files.get(key)
        if kept is None or kept.raw != raw or kept.context != context:
            loaded, result = _load(handbook, path, model, context, raw)
            kept = self._files[key] = _Kept(raw, context, loaded, result, list(loaded.problems))
        return kept.loaded, kept.result, kept.problems  # type: ignore[return-value]

    def forget_unseen(self) -> None:
        """Drop the files the last load did not read (deleted or renamed)."""
        self._files = {k: v for k, v in self._files.items() if k in self._seen}
        self._seen = set()


def load_handbook(
    root: Path | str, playbooks_dir: str = "playbooks", quizzes_dir: str = "quizzes",
    reuse: FileCache | None = None,
) -> Handbook:
    """Load every file of the handbook at ``root``. Never raises for bad input.

    `pipeline.load_folder` runs this under the garbage-collector pause.
    """
    handbook = Handbook(Path(root), playbooks_dir, quizzes_dir, reuse=reuse)
    # one walk of playbooks/: handbook.yaml and contacts.yaml obey its rules too
    files = _yaml_files(handbook, handbook.root / handbook.playbooks_dir)
    _load_settings(handbook, files)
    _load_contacts(handbook, files)
    _load_playbooks(handbook, files)
    _load_quizzes(handbook)
    if reuse is not None:
        reuse.forget_unseen()
    return handbook


def _yaml_files(handbook: Handbook, folder: Path) -> list[Path]:
    """The YAML files under ``folder`` that belong to the handbook (see ``sources``)."""
    found = handbook_files(handbook.root, folder, YAML_SUFFIXES)
    handbook.problems.extend(found.problems)
    return [p for p in found.files if p.suffix in YAML_SUFFIXES]


def _shown(handbook: Handbook, path: Path) -> str:
    try:
        return path.relative_to(handbook.root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(handbook: Handbook, path: Path, model: type[M]) -> tuple[LoadedFile, M | None]:
    """Load and validate one file (or take it from ``handbook.reuse``); its problems join the
    handbook's."""
    context = {FILE_NAME: path.stem, PHONE_REGION: (
        handbook.settings.model.phone_region if handbook.settings else DEFAULT_REGION)}
    if handbook.reuse is not None:
        loaded, result, problems = handbook.reuse.read(handbook, path, model, context)
    else:
        loaded, result = _load(handbook, path, model, context)
        problems = loaded.problems
    handbook.problems.extend(problems)
    return loaded, result


def _load(handbook: Handbook, path: Path, model: type[M], context: dict[str, str],
          raw: bytes | None = None) -> tuple[LoadedFile, M | None]:
    shown, advice = _shown(handbook, path), SPLIT_ADVICE[model]
    loaded = (load_file(path, shown, advice) if raw is None
              else load_bytes(raw, LoadedFile(shown), advice))
    result = validate(loaded, model, context) if loaded.data is not None else None
    return loaded, result


def _one_file(handbook: Handbook, stem: str, files: list[Path]) -> Path | None:
    """Exactly one of ``stem.yaml`` / ``stem.yml`` in the playbooks folder."""
    folder = handbook.root / handbook.playbooks_dir
    found = [p for p in (folder / f"{stem}{s}" for s in YAML_SUFFIXES) if p in files]
    expected = f"{handbook.playbooks_dir}/{stem}.yaml"
    if not found:
        handbook.problems.append(Problem(
            expected, 1, 1, "error", "missing-file",
            f"{expected} is missing: every handbook needs one "
            "(`handbook init` writes an example)",
        ))
        return None
    if len(found) > 1:
        handbook.problems.append(Problem(
            _shown(handbook, found[1]), 1, 1, "error", "duplicate-file",
            f"both {found[0].name} and {found[1].name} exist: keep one of them",
        ))
    return found[0]


def _load_settings(handbook: Handbook, files: list[Path]) -> None:
    path = _one_file(handbook, SETTINGS_NAME, files)
    if path is not None:
        loaded, model = _read(handbook, path, Settings)
        if model is not None:
            handbook.settings = Document(loaded, model, SETTINGS_NAME)


def _load_contacts(handbook: Handbook, files: list[Path]) -> None:
    path = _one_file(handbook, CONTACTS_NAME, files)
    if path is None:
        return
    loaded, model = _read(handbook, path, ContactsFile)
    if model is None:
        handbook.broken_contacts = True
        data = loaded.data
        entries = data.get("contacts") if isinstance(data, dict) else None
        handbook.broken_contact_entries = len(entries) if isinstance(entries, list) else 0
    else:
        handbook.contacts_file = Document(loaded, model, CONTACTS_NAME)


def _file_id(handbook: Handbook, loaded: LoadedFile, path: Path, model: Playbook | Quiz) -> str:
    """The model's id: written in the file, or its file name; a file name that is no id is a
    problem."""
    if model.id == path.stem and not is_id(path.stem):
        line, col = loaded.locate(())
        handbook.problems.append(Problem(
            loaded.path, line, col, "error", "invalid-id",
            f"the file name '{path.stem}' is not a valid id: rename the file using lowercase "
            "letters, digits and '-', or set 'id:'",
        ))
    return model.id or path.stem


def _load_playbooks(handbook: Handbook, files: list[Path]) -> None:
    folder = handbook.root / handbook.playbooks_dir
    for path in files:
        relative = path.relative_to(folder)
        if len(relative.parts) == 1:
            if path.stem not in (SETTINGS_NAME, CONTACTS_NAME):
                handbook.problems.append(Problem(
                    _shown(handbook, path), 1, 1, "error", "no-section",
                    f"a playbook must sit in a section folder: move it to "
                    f"{handbook.playbooks_dir}/<section>/{path.name}",
                ))
            continue
        loaded, model = _read(handbook, path, Playbook)
        if model is None:
            # a reference may name the file or the id written in it (valid or not)
            handbook.broken_playbook_files += 1
            handbook.broken_playbooks.add(path.stem)
            written = _written_id(loaded)
            if written:
                handbook.broken_playbooks.add(written)
            continue
        playbook_id = _file_id(handbook, loaded, path, model)
        section = relative.parent.as_posix()
        handbook.playbooks.append(Document(loaded, model, playbook_id, section))


def _load_quizzes(handbook: Handbook) -> None:
    for path in _yaml_files(handbook, handbook.root / handbook.quizzes_dir):
        loaded, model = _read(handbook, path, Quiz)
        if model is None:
            handbook.broken_quiz_files += 1
            covered = _written_playbooks(loaded)
            handbook.broken_quizzes_cover.update(covered if covered is not None else {"*"})
        else:
            quiz_id = _file_id(handbook, loaded, path, model)
            handbook.quizzes.append(Document(loaded, model, quiz_id))


def _written_id(loaded: LoadedFile) -> str | None:
    data = loaded.data
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _written_playbooks(loaded: LoadedFile) -> set[str] | None:
    """The playbook ids a quiz that did not load lists, or None when they cannot be read."""
    data = loaded.data
    value = data.get("playbooks") if isinstance(data, dict) else None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return set(value)
    return None
