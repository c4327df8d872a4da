"""Load stage: a YAML file → plain data whose every scalar is the text the author wrote.

PyYAML's constructors guess types (``Yes`` becomes ``True``, ``0800 123`` loses its zero, a
repeated key silently keeps its last value). We compose the node tree with libyaml instead and
build the data ourselves: every scalar stays text, so the model reads it as the type its field
expects; duplicate keys, recursive aliases and alias bombs become problems; and the node tree stays
alongside the data so any later stage can point at the line and column of any value.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, capped

try:  # libyaml parses about four times faster than the pure-Python loader
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_DEFAULT_TAGS = {ScalarNode: _STR_TAG, SequenceNode: "tag:yaml.org,2002:seq",
                 MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's composer, resolving only the tags we read: null and merge.

    Every other scalar stays text, so there is no need to try the resolver's regular
    expressions for booleans, numbers and dates on each one, nor to track paths for path
    resolvers we do not have: together a third of the time spent composing.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            if value in _NULLS:
                return NULL_TAG
            if value == "<<":
                return MERGE_TAG
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

MAX_BYTES = 1_000_000
# Aliases may repeat a list or two; a file that expands to far more nodes than it holds is an
# alias bomb ("billion laughs"), refused before it eats the machine's memory. Merge keys
# (`<<: [*a, *a]`) count too: other YAML readers copy each merged mapping.
MAX_EXPANDED_NODES = 100_000
# A handbook file needs a handful of levels (a tree's answers sit at six); far deeper input is a
# mistake or an attack, refused before any walk over it can run out of stack.
MAX_DEPTH = 64
# What to do about a file past the limits, for a file of any kind (folder.py says it per kind).
SPLIT_ADVICE = "split it into smaller files"
_NEWLINE = re.compile("\n")

Loc = tuple[str | int, ...]


@dataclass
class LoadedFile:
    """One YAML file: its data (None when it could not be read) and what went wrong reading it."""

    path: str  # as shown to the user: relative to the handbook folder
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    # The node tree is needed only to point at a problem, and weighs ten times the data built
    # from it: it is dropped once loaded and composed again, from the text, the first time a
    # position deeper than the top-level keys is asked for (a file with a problem).
    _root: Node | None = field(default=None, repr=False)
    # Top-level key → character index of its key and of its value: asked for every file
    # (`last_reviewed` for review dates), so kept.
    _top: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    # Where each line starts in the text. Positions are counted from a mark's character index
    # with '\n' as the only line break, as editors count them: YAML also breaks lines at NEL,
    # LS and PS characters (even inside quotes), so its own line numbers can run past the end.
    # Computed on the first position asked for: most files never report a problem.
    text: str = field(default="", repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        return self._line_starts

    def pos(self, node: Node) -> tuple[int, int]:
        """1-based line and column where ``node`` starts."""
        return self.position(node.start_mark.index)

    def position(self, index: int) -> tuple[int, int]:
        starts = self.line_starts
        line = bisect_right(starts, index)
        return (line, index - starts[line - 1] + 1)

    def problem(self, line: int, col: int, code: str, message: str, level: str = "error") -> None:
        self.problems.append(Problem(self.path, line, col, level, code, message))  # type: ignore[arg-type]

    @property
    def root(self) -> Node | None:
        if self._root is None and self.data is not None and self.text:
            self._root = yaml.compose(self.text, Loader=_Loader)
        return self._root

    def keep(self, root: MappingNode) -> None:
        """Remember where the top-level keys are; let the node tree go."""
        for k, v in root.value:
            if isinstance(k, ScalarNode):  # the first of repeated keys, as the data keeps it
                self._top.setdefault(k.value, (k.start_mark.index, v.start_mark.index))
        self._root = None

    def locate(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``loc`` (or of its key, with ``key=True``).

        When ``loc`` names something that is not in the file (a missing key), this is the
        position of the nearest thing that is: the mapping the key is missing from.
        """
        if len(loc) == 1 and self._root is None and loc[0] in self._top:
            return self.position(self._top[loc[0]][0 if key else 1])  # type: ignore[index]
        node = self.root
        if node is None:
            return (1, 1)
        found: Node = node
        key_node: Node | None = None
        for part in loc:
            child, child_key = _child(found, part)
            if child is None:
                return self.pos(found)
            found, key_node = child, child_key
        if key and key_node is not None:
            return self.pos(key_node)
        return self.pos(found)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        for key_node, value_node in _pairs(node):
            if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                return value_node, key_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    return None, None


Pairs = list[tuple[Node, Node]]


def _pairs(node: MappingNode) -> Pairs:
    """A mapping's pairs, with ``<<: *base`` merges expanded (own keys first, so they win)."""
    flat = _Merges(MAX_EXPANDED_NODES).flatten(node)
    return flat if flat is not None else []


class _Merges:
    """Merge keys expanded as the YAML merge key says: a mapping's own pairs, then each merged
    mapping's pairs (its own, then those it merges in turn), in the order written.

    Each mapping is expanded once and remembered, walking with a stack of its own, so a chain
    of merges costs its length however deep. ``size`` counts the pairs as other YAML readers
    copy them, repeats included (``<<: [*a, *a]`` copies ``a`` twice): a mapping whose count
    passes ``limit`` is a bomb and is not expanded. A mapping merged into itself is skipped and
    kept in ``cycles``.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size: dict[int, int] = {}
        self.flat: dict[int, Pairs | None] = {}
        self.cycles: list[Node] = []

    def flatten(self, node: MappingNode) -> Pairs | None:
        """The pairs of ``node`` with its merges expanded; None past the limit."""
        stack: list[tuple[MappingNode, bool]] = [(node, False)]
        walking: set[int] = set()  # the mappings whose merges are being expanded
        while stack:
            current, expanded = stack.pop()
            if expanded:
                walking.discard(id(current))
                self._join(current)
                continue
            if id(current) in self.flat:
                continue
            walking.add(id(current))
            stack.append((current, True))
            for source in reversed(_sources(current)):
                if id(source) in walking:
                    self.cycles.append(source)
                elif id(source) not in self.flat:
                    stack.append((source, False))
        return self.flat[id(node)]

    def _join(self, node: MappingNode) -> None:
        own = [(k, v) for k, v in node.value if k.tag != MERGE_TAG]
        sources = [s for s in _sources(node) if id(s) in self.flat]  # cycles left out
        size = min(len(own) + sum(self.size[id(s)] for s in sources), self.limit + 1)
        self.size[id(node)] = size
        if size > self.limit or any(self.flat[id(s)] is None for s in sources):
            self.flat[id(node)] = None
            return
        for source in sources:
            own.extend(self.flat[id(source)] or ())
        self.flat[id(node)] = own


def _sources(node: MappingNode) -> list[MappingNode]:
    """The mappings that ``node``'s merge keys name, in the order written."""
    found: list[MappingNode] = []
    for key_node, value_node in node.value:
        if key_node.tag == MERGE_TAG:
            values = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            found += [v for v in values if isinstance(v, MappingNode)]
    return found


def load_file(path: Path, shown_as: str, split_advice: str = SPLIT_ADVICE) -> LoadedFile:
    """Read one YAML file. Never raises for bad input: problems land on the result.

    ``split_advice`` says what to do about a file past the size limits ("split it into …").
    """
    loaded = LoadedFile(shown_as)
    try:
        raw = path.read_bytes()
    except OSError as error:
        loaded.problem(1, 1, "unreadable", f"cannot read the file: {error.strerror or error}")
        return loaded
    return load_bytes(raw, loaded, split_advice)


def load_bytes(raw: bytes, loaded: LoadedFile, split_advice: str = SPLIT_ADVICE) -> LoadedFile:
    if len(raw) > MAX_BYTES:
        loaded.problem(
            1, 1, "file-too-large",
            f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}: {split_advice}",
        )
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        # columns count characters, as editors do, not bytes
        col = len(raw[line_start:error.start].decode("utf-8", errors="replace")) + 1
        loaded.problem(
            line, col, "not-utf8",
            f"byte 0x{raw[error.start]:02x} is not UTF-8: save the file as UTF-8",
        )
        return loaded
    text = text.removeprefix("\ufeff")
    loaded.text = text
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:
        # libyaml counts its position in UTF-8 bytes; columns count characters
        index = len(text.encode("utf-8")[:error.position].decode("utf-8", errors="replace"))
        line, col = loaded.position(min(index, len(text)))
        loaded.problem(line, col, "yaml-syntax", _character_message(error.character))
        return loaded
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in (error.problem or ""):
            line, col = loaded.position(min(error.problem_mark.index, len(text)))
            loaded.problem(line, col, "too-deep", _TOO_DEEP)
            return loaded
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and (
            "simple key" in (error.context or "") or "end of stream" in (error.problem or "")
            or "flow" in (error.context or "")
        ):
            # the line that lacks its ':', or the quote or bracket never closed: not the place
            # (often the end of the file) where the parser gave up
            mark = error.context_mark
        indented = _over_indented(text, error)
        if indented is not None:
            index, message = indented
            line, col = loaded.position(index)
            loaded.problem(line, col, "yaml-syntax", message)
            return loaded
        line, col = loaded.position(min(mark.index, len(text))) if mark else (1, 1)
        loaded.problem(line, col, "yaml-syntax", _syntax_message(error, _char_at(text, mark)))
        return loaded
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reports marks for all we know
        loaded.problem(1, 1, "yaml-syntax", f"YAML syntax error: {error}")
        return loaded
    if root is None or (isinstance(root, ScalarNode) and root.tag == NULL_TAG):
        loaded.problem(1, 1, "empty-file", "the file is empty: write its keys, or delete it")
        return loaded
    if not isinstance(root, MappingNode):
        line, col = loaded.pos(root)
        loaded.problem(
            line, col, "not-a-mapping",
            f"the file must be a mapping of keys to values (key: value), not a "
            f"{_kind(root)}",
        )
        return loaded
    builder = _Builder(loaded, root, split_advice)
    data = builder.build(root)
    # A file whose aliases loop or explode has no sensible data: report that alone rather than
    # a cascade of "missing key" and "wrong type" problems that follow from it.
    loaded.data = None if builder.refused else data
    loaded.problems[:] = capped(loaded.problems)
    loaded.keep(root)
    return loaded


_TOO_DEEP = (f"the values here are nested more than {MAX_DEPTH} levels deep: a handbook file "
             "needs a few levels; check the brackets and the indentation")


def _character_message(code: int) -> str:
    what = "a control character" if unicodedata.category(chr(code)) in ("Cc", "Cs") else (
        "not a character")
    return (f"YAML syntax error: the character U+{code:04X} ({what}) is not allowed in a YAML "
            "file: delete it")


_KEY_LINE = re.compile(r"( *)(?:- +)*([^\s#'\"][^:#]*?) *:(?: |$)")


def _over_indented(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """A key indented deeper than the `key: value` line above it, as (where, message).

    YAML reads such a line as more of the value above (a plain text may run over several
    lines), then finds its ': ' where a text cannot hold one: "mapping values are not allowed".
    When nothing but the key stands before that ': ' on its line, the value began on a line
    above, and the likely mistake is the indentation, not a colon to quote.
    """
    mark = error.problem_mark
    if mark is None or "mapping values are not allowed" not in (error.problem or ""):
        return None
    start = text.rfind("\n", 0, mark.index) + 1
    here = _KEY_LINE.match(text, start)
    if here is None or here.end() < mark.index or text.find("\n", start, mark.index) != -1:
        return None
    line_start = start
    while line_start > 0:  # the nearest line above holding a key
        line_start = text.rfind("\n", 0, line_start - 1) + 1
        above = _KEY_LINE.match(text, line_start)
        if above is not None:
            break
    else:
        return None
    key_col = above.start(2) - line_start
    if here.start(2) - start <= key_col:
        return None
    key, above_key = here[2], above[2]
    return here.start(2), (
        f"YAML syntax error: '{key}' is indented deeper than the key above it ('{above_key}'): "
        f"start it in the same column as '{above_key}' (or, if it is more of the text above, "
        "put that text in quotes)")


def _char_at(text: str, mark: Any) -> str:
    if mark is None or mark.index >= len(text):
        return ""
    return text[mark.index]


def _syntax_message(error: yaml.MarkedYAMLError, char: str) -> str:
    what = (error.problem or "").strip()
    context = (error.context or "").strip()
    hint = ""
    if "expected a single document" in context or "expected a single document" in what:
        return "the file holds more than one YAML document ('---'): keep one document a file"
    if char == "\t":
        hint = ": indent with spaces, not tabs"
    elif "found character" in what and char in "@`%":
        hint = f": a value starting with '{char}' must be put in quotes"
    elif "mapping values are not allowed" in what:
        hint = ": a value holding ': ' must be put in quotes"
    elif "could not find expected ':'" in what:
        hint = ": each line of a mapping is 'key: value'"
    elif "end of stream" in what and "quoted scalar" in context:
        hint = ": the quote that starts here is never closed"
    elif "flow sequence" in context:
        hint = ": the '[' that starts here is never closed, or items lack a ','"
    elif "flow mapping" in context:
        hint = ": the '{' that starts here is never closed, or items lack a ','"
    elif "found undefined alias" in what:
        hint = ": define the anchor (&name) before using it (*name)"
    message = f"YAML syntax error: {what}" if what else "YAML syntax error"
    if context and context not in what:
        message += f" ({context})"
    return message + hint


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "list"
    if isinstance(node, MappingNode):
        return "mapping"
    return "single value"


class _Builder:
    """Node tree → dicts, lists, text and None, reporting what PyYAML would let pass."""

    def __init__(self, loaded: LoadedFile, root: Node, split_advice: str = SPLIT_ADVICE) -> None:
        self.loaded = loaded
        self.root = root
        self.split_advice = split_advice
        self.expanded = 0
        self.merges = _Merges(MAX_EXPANDED_NODES)
        self.refused = False
        # A merge key is written `<<` (or tagged: `!!merge`, `!<tag:…>`): a file with neither
        # (nearly every file) needs no look for one among the keys of each of its mappings.
        self.may_merge = "<<" in loaded.text or "!" in loaded.text or not loaded.text
        # The top-level value being built: where an alias bomb is reported, since the nodes an
        # alias repeats carry the position of their anchor, not of the alias.
        self.top: Node | None = None

    def _refuse(self, node: Node, code: str, message: str) -> None:
        """Report why the file has no data (once: the first reason is the one to fix)."""
        if not self.refused:
            self.refused = True
            line, col = self.loaded.pos(node)
            self.loaded.problem(line, col, code, message)

    def _too_many(self, node: Node) -> None:
        at = self.top if self.top is not None else node
        if _distinct_nodes(self.root, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:
            self._refuse(at, "too-many-values",
                         f"the file holds more than {MAX_EXPANDED_NODES:,} values: "
                         f"{self.split_advice}")
        else:
            self._refuse(at, "alias-bomb",
                         f"aliases expand this file past {MAX_EXPANDED_NODES:,} values: "
                         "write the values out instead of nesting aliases")

    def build(self, node: Node, ancestors: tuple[int, ...] = ()) -> Any:
        if self.refused:
            return None
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            self._too_many(node)
            return None
        if isinstance(node, ScalarNode):
            if node.tag == NULL_TAG:  # the resolver gives this tag to unquoted nulls only
                return None
            return node.value
        if id(node) in ancestors:
            self._refuse(node, "recursive-alias",
                         "this alias refers to a value that contains it: remove the alias")
            return None
        if len(ancestors) >= MAX_DEPTH:
            self._refuse(node, "too-deep", _TOO_DEEP)
            return None
        inner = (*ancestors, id(node))
        if isinstance(node, SequenceNode):
            items: list[Any] = []
            for item in node.value:
                if type(item) is ScalarNode:  # most items: no call, no depth to track
                    self.expanded += 1
                    items.append(None if item.tag == NULL_TAG else item.value)
                else:
                    items.append(self.build(item, inner))
            if self.expanded > MAX_EXPANDED_NODES:  # the scalars counted without a call
                self._too_many(node)
            return items
        assert isinstance(node, MappingNode)
        result: dict[str, Any] = {}  # also what tells a repeated key
        pairs: Pairs = node.value
        own_keys: set[int] | None = None  # with merge keys, only the mapping's own keys repeat
        if self.may_merge and any(k.tag == MERGE_TAG for k, _ in node.value):
            own_keys = {id(k) for k, _ in node.value if k.tag != MERGE_TAG}
            cycles = len(self.merges.cycles)
            flat = self.merges.flatten(node)
            # merged pairs count as other readers copy them, even when an own key wins
            self.expanded += self.merges.size[id(node)] - len(own_keys)
            if flat is None or self.expanded > MAX_EXPANDED_NODES:
                self._too_many(node)
                return None
            if len(self.merges.cycles) > cycles:
                self._refuse(self.merges.cycles[cycles], "recursive-alias",
                             "this alias merges a mapping into itself: remove the alias")
                return None
            pairs = flat
        for key_node, value_node in pairs:
            if not isinstance(key_node, ScalarNode):
                line, col = self.loaded.pos(key_node)
                self.loaded.problem(
                    line, col, "complex-key",
                    f"a key must be plain text, not a {_kind(key_node)}",
                )
                continue
            key = key_node.value
            if key in result:
                if own_keys is None or id(key_node) in own_keys:
                    line, col = self.loaded.pos(key_node)
                    first_line = self.loaded.pos(_first_key(pairs, key))[0]
                    self.loaded.problem(
                        line, col, "duplicate-key",
                        f"key '{key}' is repeated (first at line {first_line}): "
                        "keep one of them",
                    )
                continue
            if not ancestors:
                self.top = key_node
            if type(value_node) is ScalarNode:  # most values: no call, no depth to track
                self.expanded += 1
                result[key] = None if value_node.tag == NULL_TAG else value_node.value
            else:
                result[key] = self.build(value_node, inner)
                if self.refused:
                    return None
        return result


def _first_key(pairs: Pairs, key: str) -> Node:
    """The first key node written ``key`` (the one a repeated key is reported against)."""
    return next(k for k, _ in pairs if isinstance(k, ScalarNode) and k.value == key)


def _distinct_nodes(root: Node, limit: int) -> int:
    """How many nodes the file holds, each counted once however often aliases repeat it
    (counting stops past ``limit``)."""
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack and len(seen) <= limit:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                stack += (key_node, value_node)
    return len(seen)
