"""Who can be reached when: each contact's working hours as minutes of one week, read in the
handbook's time zone, and the cover a pathway step gives with its contacts' backups.

Hours in another zone are moved by the two zones' difference in the week of `today`. A contact
whose hours are free text, or who has none, counts as reachable at any time (the checks warn
about free text; nothing can be said about it). Public holidays are not in the week: a
contact with `public holidays off` is counted off duty on the holiday week (`holiday=True`).
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from ..folder import Handbook
from ..model import Contact
from ..model.hours import WEEK, Hours, gaps, parse, shift, zone_shift

FULL = (1 << WEEK) - 1


class Coverage:
    def __init__(self, handbook: Handbook, today: date) -> None:
        self.hb = handbook
        self.today = today
        settings = handbook.settings.model if handbook.settings else None
        self.default_zone = settings.time_zone if settings else None
        zones = [h.zone for c in handbook.contacts if (h := self.hours(c)) and h.zone]
        self.zone: str | None = self.default_zone or (zones[0] if zones else None)
        self._masks: dict[tuple[str, bool], int] = {}
        self._chains: dict[str, tuple[tuple[str, ...], str | None]] = {}
        self._covers: dict[tuple[tuple[str, ...], bool], int] = {}
        self._gaps: dict[tuple[tuple[str, ...], bool], list[tuple[int, int]]] = {}

    def hours(self, contact: Contact) -> Hours | None:
        """Checkable hours, or None (none written, or free text)."""
        if not contact.hours:
            return None
        try:
            parsed = parse(contact.hours)
        except ValueError:
            return None
        return parsed if parsed.checkable else None

    def contact_zone(self, contact: Contact) -> str | None:
        hours = self.hours(contact)
        return (hours.zone if hours and hours.zone else None) or self.default_zone

    def mask(self, contact_id: str, holiday: bool = False) -> int:
        """Minutes of the week the contact is on duty, in the handbook's zone."""
        key = (contact_id, holiday)
        if key not in self._masks:
            self._masks[key] = self._mask(contact_id, holiday)
        return self._masks[key]

    def _mask(self, contact_id: str, holiday: bool) -> int:
        contact = self.hb.contact(contact_id)
        hours = self.hours(contact) if contact else None
        if hours is None:
            return FULL
        if holiday and hours.holidays_off:
            return 0
        bits = hours.mask()
        own = self.contact_zone(contact)  # type: ignore[arg-type]
        if own and self.zone and own != self.zone:
            bits = shift(bits, zone_shift(own, self.zone, self.today))
        return bits

    def chain(self, contact_id: str) -> tuple[tuple[str, ...], str | None]:
        """The contact and its backups in order, and the contact the chain loops back to."""
        if contact_id not in self._chains:
            self._chains[contact_id] = self._chain(contact_id)
        return self._chains[contact_id]

    def _chain(self, contact_id: str) -> tuple[tuple[str, ...], str | None]:
        ids: list[str] = []
        current: str | None = contact_id
        while current is not None and current not in ids:
            contact = self.hb.contact(current)
            if contact is None:
                break
            ids.append(current)
            current = contact.backup
        return tuple(ids), current if current in ids else None

    def cover(self, contact_ids: list[str], holiday: bool = False) -> int:
        """Minutes someone of these contacts, or of their backups, is on duty."""
        key = (tuple(contact_ids), holiday)
        if key not in self._covers:  # many pathways share their first contacts
            self._covers[key] = self._cover(contact_ids, holiday)
        return self._covers[key]

    def _cover(self, contact_ids: list[str], holiday: bool) -> int:
        bits = 0
        for contact_id in contact_ids:
            chain = self.chain(contact_id)[0]
            if not chain:  # an unknown contact: reported by unknown-contact
                return FULL
            for each in chain:
                bits |= self.mask(each, holiday)
        return bits

    def gaps(self, contact_ids: list[str], holiday: bool = False) -> list[tuple[int, int]]:
        key = (tuple(contact_ids), holiday)
        if key not in self._gaps:
            self._gaps[key] = gaps(self.cover(contact_ids, holiday))
        return self._gaps[key]

    def answering(self, contact_ids: list[str], minute: int, holiday: bool = False
                  ) -> list[str]:
        """Who answers at ``minute`` of the week: for each contact, the first of its chain on
        duty (in the order people are tried), each named once."""
        found: list[str] = []
        for contact_id in contact_ids:
            for each in self.chain(contact_id)[0]:
                if self.mask(each, holiday) >> minute & 1:
                    if each not in found:
                        found.append(each)
                    break
        return found

    @cached_property
    def any_holidays_off(self) -> bool:
        return any((h := self.hours(c)) and h.holidays_off for c in self.hb.contacts)
