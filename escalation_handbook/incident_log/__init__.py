"""The incident log: what the log page records while an incident runs, and what
`handbook log summary` reads back afterwards.

One source for both sides: the sentences, labels and statuses (`text.py`), the plan a log follows
with its deadlines as minutes after becoming aware (`plan.py`, durations from
`model/durations.py`), the log file's shape and versions (`model.py`), how each deadline was met
(`summary.py`) and the Markdown record (`report.py`). The render stage hands `text.py` and
`plan.py`'s data to the browser; the widget fills the same templates with the same rules, and a
test feeds one log to both.
"""

from .model import FORMAT, VERSION, IncidentLog, LogError, read_log
from .plan import playbook_plan
from .report import FORMATS
from .summary import Summary, summarise

__all__ = ["FORMAT", "FORMATS", "VERSION", "IncidentLog", "LogError", "Summary", "playbook_plan",
           "read_log", "summarise"]
