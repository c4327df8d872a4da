"""What the comparisons share: pairing list items, telling values apart, naming things."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..folder import Document, Handbook
from ..load import Loc
from ..model.durations import Duration
from .changes import Change, Side

T = TypeVar("T")


def pairs(base: Sequence[T], head: Sequence[T], key: Callable[[T], Hashable]
          ) -> Iterator[tuple[int | None, T | None, int | None, T | None]]:
    """Items of two lists paired: same key first, then what is left over in order.

    Yields ``(base_index, base_item, head_index, head_item)``; an item without a partner comes
    with ``None`` on the other side (added or removed). The order a list is written in never
    matters here: where order carries meaning, the caller compares it.
    """
    head_by_key: dict[Hashable, int] = {}
    for i, item in enumerate(head):
        head_by_key.setdefault(key(item), i)
    matched: set[int] = set()
    left_base: list[int] = []
    for i, item in enumerate(base):
        j = head_by_key.get(key(item))
        if j is not None and j not in matched:
            matched.add(j)
            yield i, item, j, head[j]
        else:
            left_base.append(i)
    left_head = [j for j in range(len(head)) if j not in matched]
    for i, j in zip(left_base, left_head, strict=False):
        yield i, base[i], j, head[j]
    for i in left_base[len(left_head):]:
        yield i, base[i], None, None
    for j in left_head[len(left_base):]:
        yield None, None, j, head[j]


# An item and its index in its list → (kind, sentence) of its being added or removed.
Told = Callable[[T, int], tuple[str, str]]


def compared(base: Document[Any], head: Document[Any], where: Loc, olds: Sequence[T],
             news: Sequence[T], key: Callable[[T], Hashable], removed: Told[T], added: Told[T],
             changed: Callable[[T, T, Loc], Iterable[Change]]) -> Iterator[Change]:
    """The changes between two lists of items at ``where`` in each file, paired by ``key``
    (see ``pairs``): a removed item is told at its place in BASE, an added one at its place in
    HEAD, and ``changed`` tells what differs in an item found on both sides, given its place in
    HEAD."""
    for i, old, j, new in pairs(olds, news, key):
        if new is None or j is None:
            assert old is not None and i is not None
            kind, sentence = removed(old, i)
            yield change(kind, sentence, base, (*where, i), "base")
        elif old is None:
            kind, sentence = added(new, j)
            yield change(kind, sentence, head, (*where, j))
        else:
            yield from changed(old, new, (*where, j))


def words(text: str | None) -> str:
    """Text compared as read: line breaks and runs of spaces from reformatting do not count."""
    return " ".join(text.split()) if text else ""


def same_duration(a: Duration | None, b: Duration | None) -> bool:
    """`15 min` and `15 minutes` are the same time."""
    if a is None or b is None:
        return a is b
    return (a.minutes, a.unit in ("month", "year")) == (b.minutes, b.unit in ("month", "year"))


def duration(value: Duration | None, none: str = "none") -> str:
    return str(value) if value is not None else none


def quoted(text: str | None, limit: int = 80) -> str:
    flat = words(text)
    return f'"{flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"}"'


@dataclass
class Sides:
    """The two handbooks, with names looked up on the side a sentence speaks about."""

    base: Handbook
    head: Handbook

    def of(self, side: Side) -> Handbook:
        return self.head if side == "head" else self.base

    def contact(self, contact_id: str, side: Side = "head") -> str:
        found = self.of(side).contact(contact_id) or self.base.contact(contact_id)
        return found.name if found else contact_id

    def contacts(self, ids: Sequence[str], side: Side = "head") -> str:
        """`A then B`: contacts in the order they are called (names may hold commas)."""
        return " then ".join(self.contact(i, side) for i in ids) or "nobody"

    def severity(self, severity_id: str, side: Side = "head") -> str:
        for handbook in (self.of(side), self.base, self.head):
            if handbook.settings:
                for level in handbook.settings.model.severities:
                    if level.id == severity_id:
                        return f"{level.label} {level.name}"
        return severity_id.upper()

    def severity_rank(self, severity_id: str) -> int:
        """Position in HEAD's levels (most severe first); BASE's for a level HEAD removed."""
        for handbook in (self.head, self.base):
            if handbook.settings:
                ids = [s.id for s in handbook.settings.model.severities]
                if severity_id in ids:
                    return ids.index(severity_id)
        return 999

    def playbook_title(self, playbook_id: str, side: Side = "head") -> str:
        found = self.of(side).playbook(playbook_id) or self.base.playbook(playbook_id)
        return found.model.title if found else playbook_id


def change(kind: str, sentence: str, doc: Document[Any], loc: Loc, side: Side = "head"
           ) -> Change:
    line, _ = doc.at(*loc)
    return Change(kind, sentence, doc.path, line, side)
