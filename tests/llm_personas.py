"""The persona corpus served over HTTP, and what it measures (shared by tests and ``make bench``).

``tests/fixtures/llm_personas/<case>/<section>/<persona>.yaml`` hold answers written, as a strong, a mid (7B)
and a careless model would write them, to the real section prompts: ``answers`` (first ask, first re-ask,
second re-ask) and ``planted`` (invented facts, wrong numbers and slots deliberately put in). They are test
material: read, never edited.

``PersonaModel`` answers each section's asks from its file in order, one answer per ask, over the scripted
OpenAI-compatible server (``tests.llm_server``). It honours ``max_tokens`` as a real model would: an answer
longer than the limit (by ``estimate_tokens``) is cut and sent with ``finish_reason: "length"``, and a request
that continues it (the cut text sent back as the assistant's message) gets the rest.
``measure_case`` drafts one case with one persona and reports, per section, whether the model's text was
kept, after how many answers, and which planted items reached the final report.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import EVAL_DATA, ROOT
from tests.llm_server import LLMServer, Recorded, Reply, section_heading

CORPUS = ROOT / "tests" / "fixtures" / "llm_personas"
# The report outline the answers were written for (prompts captured at fb921fd): the default outline has since
# changed its sections and headings, so the corpus is served under the outline of its prompts.
OUTLINE = CORPUS / "outline_fb921fd.yaml"
PERSONAS = ("strong", "mid", "careless")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]")


def estimate_tokens(text: str) -> int:
    """Tokens a DeepSeek/Qwen-class tokenizer spends: ~0.7 per CJK character, ~0.5 per ASCII one ({{p3.rate}})."""
    cjk = len(_CJK.findall(text))
    return int(cjk * 0.7 + (len(text) - cjk) * 0.5) + 1


def cut_at_tokens(text: str, limit: int) -> tuple[str, str]:
    """The longest head of ``text`` within ``limit`` estimated tokens, and the rest."""
    if estimate_tokens(text) <= limit:
        return text, ""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if estimate_tokens(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low], text[low:]


@dataclass(frozen=True)
class PersonaFile:
    case: str
    section: str
    persona: str
    answers: tuple[str, ...]
    planted: tuple[str, ...]
    planted_kinds: tuple[str, ...]


def load_corpus(root: Path = CORPUS) -> list[PersonaFile]:
    """Every persona file under ``root``, in a stable order."""
    files = []
    for path in sorted(root.glob("*/*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        files.append(
            PersonaFile(
                case=path.parent.parent.name,
                section=path.parent.name,
                persona=path.stem,
                answers=tuple(data["answers"]),
                planted=tuple(data.get("planted") or ()),
                planted_kinds=tuple(data.get("planted_kinds") or ()),
            )
        )
    return files


def corpus_cases(root: Path = CORPUS) -> list[str]:
    return sorted({f.case for f in load_corpus(root)})


class PersonaModel:
    """A responder: each section answered from its persona file, in order, cut at ``max_tokens``."""

    def __init__(self, files: list[PersonaFile], headings: dict[str, str]) -> None:
        self.answers = {headings[f.section]: list(f.answers) for f in files}
        self.asks: dict[str, int] = {heading: 0 for heading in self.answers}
        self.pending: dict[str, str] = {}  # the whole answer whose head was sent cut off
        self.cuts: dict[str, int] = {heading: 0 for heading in self.answers}
        self._lock = threading.Lock()

    def __call__(self, request: Recorded) -> Reply | None:
        heading = section_heading(request.prompt)
        limit = int((request.body or {}).get("max_tokens") or 1500)
        with self._lock:
            if heading not in self.answers:
                return None
            sent = "".join(request.contents("assistant"))
            whole = self.pending.get(heading, "")
            if sent and whole.startswith(sent):  # a continuation of the cut answer
                text = whole[len(sent) :]
            else:
                number = self.asks[heading]
                self.asks[heading] += 1
                queue = self.answers[heading]
                whole = queue[min(number, len(queue) - 1)]
                self.pending[heading] = whole
                text = whole
            head, rest = cut_at_tokens(text, limit)
            if rest:
                self.cuts[heading] += 1
                return Reply(content=head, finish_reason="length")
            return Reply(content=head)


@dataclass
class SectionResult:
    case: str
    section: str
    persona: str
    kept: bool  # the model's text is in the final report
    answers: int  # answers judged (first ask + re-asks)
    cuts: int  # answers cut off at max_tokens
    planted_in_report: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # the drafter's note

    @property
    def first_ask(self) -> bool:
        return self.kept and self.answers == 1


@dataclass
class CaseResult:
    sections: list[SectionResult]
    errors: list[Any]  # error findings of the audit on the final report
    markdown: str


def headings_of(case: str) -> dict[str, str]:
    """Section id → heading without its number, for the case's outline."""
    from assistant.drafting import outline_for
    from assistant.io import load_case

    unit_case = load_case(EVAL_DATA / case / "data.yaml")
    outline = outline_for(unit_case.outline, OUTLINE)
    return {s.id: s.heading for s in outline.sections}


def measure_case(case: str, persona: str, root: Path = CORPUS, **settings: Any) -> CaseResult:
    """Draft ``case`` with the persona's answers over HTTP and judge the final report."""
    from assistant.audit import audit_text
    from assistant.drafting.llm import draft_llm
    from assistant.io import load_case
    from assistant.llm.settings import LLMSettings
    from assistant.scoring import score_case

    files = [f for f in load_corpus(root) if f.case == case and f.persona == persona]
    headings = headings_of(case)
    unit = score_case(load_case(EVAL_DATA / case / "data.yaml"))
    model = PersonaModel(files, headings)
    with LLMServer(responder=model) as server:
        values: dict[str, Any] = dict(
            base_url=server.base_url, model="persona", timeout=10, max_retries=0, concurrency=4
        )
        values.update(settings)
        draft = draft_llm(unit, str(OUTLINE), LLMSettings(_env_file=None, **values))
    markdown = draft.markdown()
    results = []
    for f in files:
        outcome = draft.outcomes.get(f.section)
        kept = outcome is not None and outcome.source == "llm"
        answers = outcome.answers if outcome is not None else 0
        accepted = f.answers[answers - 1] if kept and answers else ""
        planted = [p for p in f.planted if p in markdown or (kept and p in accepted)]
        note = outcome.note() if outcome is not None else ""
        results.append(
            SectionResult(
                case, f.section, persona, kept, answers, model.cuts[headings[f.section]], planted, [note]
            )
        )
    errors = [x for x in audit_text(markdown, unit).findings if x.severity == "error"]
    return CaseResult(results, errors, markdown)


# --- every answer judged on its own (no HTTP): what the validator says of each planted item -----------------

# Issues about what the answer says (as opposed to its form: empty, language, headings, length, coverage).
CONTENT_CODES = frozenset(
    {"literal_number", "wrong_number", "wrong_slot", "unknown_slot", "unsupported", "audit", "marker"}
)


def validator_for(unit: Any, section_id: str) -> Any:
    """A section's validator with the audit on, as the drafter builds it (template draft as the baseline)."""
    from assistant.drafting import draft_template
    from assistant.drafting.validate import SectionValidator, findings_in, run_audit, section_spans
    from assistant.facts import build_facts
    from assistant.render.markdown import render_markdown

    report = draft_template(unit, str(OUTLINE))
    markdown = render_markdown(report)
    findings, _ = run_audit(markdown, unit)
    index = [s.id for s in report.sections].index(section_id)
    baseline = findings_in(findings or [], section_spans(markdown)[index])
    return SectionValidator(unit, build_facts(unit), report, index, baseline)


@dataclass
class PlantedVerdict:
    kind: str
    item: str
    refused: bool  # the answer carrying it was refused
    named: bool  # ... and the feedback points at it (or cleaning removed it)


@dataclass
class AnswerVerdict:
    case: str
    section: str
    persona: str
    number: int  # 0: the first answer, 1 and 2: after a re-ask
    ok: bool
    planted: list[PlantedVerdict]
    unmatched: list[Any]  # content issues that point at no planted item
    answer: str = ""

    @property
    def true_text_refused(self) -> list[Any]:
        """Unmatched issues that are not a dropped marker (the answer lacks a marker the template has: a real
        fault, though no planted item): each one refuses text that is true."""
        from assistant.placeholders import ANY_PLACEHOLDER

        return [
            issue
            for issue in self.unmatched
            if not (
                issue.code == "marker"
                and any(m not in self.answer for m in ANY_PLACEHOLDER.findall(issue.message))
            )
        ]


def points_at(item: str, message: str) -> bool:
    """Does an issue message point at a planted item: its slot key, or a stretch of its words (the message
    quotes the sentence or the claim)?"""
    from assistant.facts import SLOT

    keys = [m.group(1) for m in SLOT.finditer(item)]
    if any(key in message for key in keys):
        return True
    pieces = [piece for piece in SLOT.sub("\0", item).split("\0") if len(piece) >= 4]
    for piece in pieces:
        if any(piece[i : i + 4] in message for i in range(len(piece) - 3)):
            return True
    # a number the message quotes (「30人」) that the item writes (30余人)
    quoted = [re.sub(r"[^0-9.]", "", q) for q in re.findall(r"「([^」]{1,12})」", message)]
    return any(number and re.search(rf"(?<![0-9.]){re.escape(number)}(?![0-9])", item) for number in quoted)


def judge_answers(root: Path = CORPUS) -> list[AnswerVerdict]:
    """Every answer of the corpus checked by its section's validator, each planted item judged."""
    from assistant.io import load_case
    from assistant.scoring import score_case

    units: dict[str, Any] = {}
    validators: dict[tuple[str, str], Any] = {}
    verdicts = []
    for f in load_corpus(root):
        unit = units.get(f.case) or units.setdefault(
            f.case, score_case(load_case(EVAL_DATA / f.case / "data.yaml"))
        )
        key = (f.case, f.section)
        validator = validators.get(key) or validators.setdefault(key, validator_for(unit, f.section))
        for number, answer in enumerate(f.answers):
            candidate = validator.check(answer)
            text = "\n".join(candidate.raw)
            messages = [issue.message for issue in candidate.issues]
            planted = []
            for item, kind in zip(f.planted, f.planted_kinds, strict=True):
                if item not in answer:
                    continue
                gone = item not in text and item not in "\n".join(candidate.paragraphs)
                named = gone or any(points_at(item, m) for m in messages)
                planted.append(PlantedVerdict(kind, item, not candidate.ok or gone, named))
            present = [p.item for p in planted]
            unmatched = [
                issue
                for issue in candidate.issues
                if issue.code in CONTENT_CODES and not any(points_at(item, issue.message) for item in present)
            ]
            verdicts.append(
                AnswerVerdict(f.case, f.section, f.persona, number, candidate.ok, planted, unmatched, answer)
            )
    return verdicts
