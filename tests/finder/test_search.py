"""The incident finder's ranking, run through `handbook search` (the shipped JS in V8) on the
sample handbook, against the case table the browser tests use too (tests/finder_cases.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from finder_cases import (
    APOSTROPHES,
    HELD_OUT_QUERIES,
    NOTHING,
    PREFIXES,
    SAMPLE_QUERIES,
    TYPOS,
    phrasings,
    queries,
)
from support import REPO, copy_sample

from escalation_handbook.cli import main
from escalation_handbook.folder import load_handbook
from escalation_handbook.render.finder import word_list
from escalation_handbook.search import Finder


@pytest.fixture(scope="module")
def finder() -> Finder:
    return Finder(load_handbook(REPO))


def ranked(finder: Finder, query: str) -> list[str]:
    return [hit.doc["trigger"] for hit in finder.search(query)]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


STOP = {w for line in word_list("stopwords-en") for w in line}


def content_words(finder: Finder, text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower().replace("'", "").replace("\u2019", ""))
    analyzed = finder._ctx.eval(f"JSON.stringify(finder.analyze({text!r}))")
    import json

    stems = {w["stem"] for w in json.loads(analyzed)}
    return ({w for w in words if w not in STOP} | stems) - STOP


def test_every_trigger_has_two_phrasings_sharing_no_word_with_its_name(finder: Finder) -> None:
    names = {d["trigger"]: d["name"] for d in finder.index["docs"]}
    table = phrasings()
    assert {p.trigger for p in table} == set(names)
    for p in table:
        shared = content_words(finder, p.query) & content_words(finder, names[p.trigger])
        assert not shared, f"“{p.query}” shares {shared} with “{names[p.trigger]}”"
    counts = {t: sum(1 for p in table if p.trigger == t) for t in names}
    assert min(counts.values()) >= 2


@pytest.mark.parametrize("case", phrasings(), ids=lambda p: p.query)
def test_informal_phrasing_finds_its_trigger_among_the_cards_shown(finder, case) -> None:
    assert case.trigger in ranked(finder, case.query)[:3]


@pytest.mark.parametrize(("query", "trigger"), TYPOS)
def test_one_typo_still_finds_the_trigger_first(finder, query, trigger) -> None:
    assert ranked(finder, query)[:1] == [trigger]


@pytest.mark.parametrize("spellings", APOSTROPHES, ids=lambda s: s[0])
def test_apostrophes_are_folded(finder, spellings) -> None:
    results = [finder.search(s) for s in spellings]
    assert results[0], spellings[0]
    assert all([(h.key, h.score) for h in r] == [(h.key, h.score) for h in results[0]]
               for r in results)


@pytest.mark.parametrize(("query", "trigger"), PREFIXES)
def test_the_word_being_typed_matches_by_its_first_letters(finder, query, trigger) -> None:
    assert ranked(finder, query)[:1] == [trigger]


@pytest.mark.parametrize("query", NOTHING)
def test_nonsense_finds_nothing(finder, query) -> None:
    assert ranked(finder, query) == []


def test_accents_and_case_are_folded(finder) -> None:
    assert ranked(finder, "RANSOMWARÉ")[:1] == ["ransomware"]


def test_a_sev1_outranks_a_sev3_on_a_query_that_fits_both(finder) -> None:
    # "virus" is a signal word of malware-spreading (SEV1) and malware-quarantined (SEV3)
    order = ranked(finder, "virus")
    assert order.index("malware-spreading") < order.index("malware-quarantined")


def test_cli_search_prints_the_ranked_triggers_with_who_to_call() -> None:
    code, out = invoke("search", "laptop nicked from the van", str(REPO))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("1. [SEV2] A laptop, phone, handheld or paperwork")
    assert "data-breach/lost-device" in lines[0]
    assert lines[1] == "   call: Security on-call analyst +44 20 7946 0102"


def test_cli_search_says_when_nothing_matches() -> None:
    assert invoke("search", "xqzzy blorp", str(REPO)) == (0, "No trigger matches “xqzzy blorp”.\n")


def test_cli_eval_ends_with_top1_and_top3_accuracy(tmp_path: Path) -> None:
    code, out = invoke("search", "--eval", str(SAMPLE_QUERIES), str(REPO))
    assert code == 0
    last = out.splitlines()[-2:]
    assert re.fullmatch(r"top-1 accuracy: \d+/16 \(\d+\.\d%\)", last[0])
    assert re.fullmatch(r"top-3 accuracy: \d+/16 \(\d+\.\d%\)", last[1])


def accuracy(path: Path) -> tuple[float, float]:
    _, out = invoke("search", "--eval", str(path), str(REPO))
    top1, top3 = (float(re.search(r"\(([\d.]+)%\)", line).group(1))
                  for line in out.splitlines()[-2:])
    return top1, top3


def test_eval_on_the_shared_sample_and_the_held_out_set_agrees_with_the_table(finder) -> None:
    for path in (SAMPLE_QUERIES, HELD_OUT_QUERIES):
        cases = queries(path)
        first = sum(1 for c in cases if ranked(finder, c.query)[:1] == [c.trigger])
        within3 = sum(1 for c in cases if c.trigger in ranked(finder, c.query)[:3])
        top1, top3 = accuracy(path)
        assert top1 == round(100 * first / len(cases), 1)
        assert top3 == round(100 * within3 / len(cases), 1)
        assert top1 >= 80 and top3 >= 90, (path.name, top1, top3)


def test_eval_min_top1_fails_the_run_below_the_bar() -> None:
    code, _ = invoke("search", "--eval", str(SAMPLE_QUERIES), "--min-top1", "100", str(REPO))
    top1, _ = accuracy(SAMPLE_QUERIES)
    assert code == (0 if top1 == 100 else 1)
    assert invoke("search", "--eval", str(SAMPLE_QUERIES), "--min-top3", "0", str(REPO))[0] == 0


def test_eval_reads_no_as_text_and_reports_a_bad_set_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("queries:\n  - query: No\n    trigger: ransomware\n"
                   "  - query: laptop\n    trigger: lost-devise\n  - query: x\n")
    code, out = invoke("search", "--eval", str(bad), str(REPO))
    assert code == 2
    assert f"{bad}:4:5: error: 'lost-devise' is no trigger of this handbook" not in out
    assert f"{bad}:6:5: error: each item needs `query:` and `trigger:`" in out
    assert f"{bad}:4:1: error: 'lost-devise' is no trigger of this handbook: check the id" in out


def test_a_handbook_synonym_and_also_words_reach_the_finder(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "hb")
    settings = root / "playbooks" / "handbook.yaml"
    settings.write_text(settings.read_text() + "\nsynonyms:\n  meltdown: [ransomware]\n")
    safety = root / "playbooks" / "people" / "workplace-safety.yaml"
    text = safety.read_text().replace(
        "    name: A near miss or an unsafe condition\n",
        "    name: A near miss or an unsafe condition\n    also: [gubbins]\n")
    safety.write_text(text)
    assert invoke("search", "gubbins", str(root))[1].startswith("1. [SEV4] A near miss")
    assert "security-incident/ransomware" in invoke("search", "meltdown", str(root))[1]
    assert invoke("search", "meltdown", str(REPO))[1].startswith("No trigger")


def test_the_pre_stop_hook_command_runs_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "escalation_handbook", "search", "--eval", str(SAMPLE_QUERIES),
         "."], cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("top-3 accuracy: ")
