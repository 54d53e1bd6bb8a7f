"""Our extractors as spaCy pipeline components, for people who compose spaCy pipelines.

`build_nlp(roster, meeting_date)` returns a blank Chinese pipeline (jieba
segmenter, roster names as user words) with two components:

- ``minutes_entities`` sets ``doc.ents`` to PERSON / DEPT / COLLECTIVE spans from
  the owner finder and DATE spans from the deadline grammar;
- ``minutes_action`` sets ``doc._.action`` to the action item the sentence holds
  (owner, collaborators, deadline, deliverable, flags) or None.

The CLI does not load spaCy: importing it costs about a second, and the same
functions run directly on strings. This module is the bridge for library users
(and the test that keeps both paths agreeing).
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from extract.roster import Roster

_KIND_LABEL = {"department": "DEPT", "collective": "COLLECTIVE"}


def build_nlp(roster: Optional[Roster] = None, meeting_date: Optional[date] = None):
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    roster = roster or Roster()
    if not Doc.has_extension("action"):
        Doc.set_extension("action", default=None)
    _register(Language)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    words = [p.name for p in roster.people] + [a for p in roster.people for a in p.aliases]
    if words:
        _add_user_words(words)
    ents = nlp.add_pipe("minutes_entities")
    action = nlp.add_pipe("minutes_action")
    ents.roster = action.roster = roster
    ents.meeting_date = action.meeting_date = meeting_date
    return nlp


def _add_user_words(words: list[str]) -> None:
    """spaCy's jieba segmenter uses jieba's default tokenizer; teach it the roster."""
    import jieba

    for word in words:
        if word and not word.isascii():
            jieba.add_word(word, freq=100000, tag="nr")


class _Component:
    def __init__(self) -> None:
        self.roster: Roster = Roster()
        self.meeting_date: Optional[date] = None


class EntitiesComponent(_Component):
    def __call__(self, doc):
        from spacy.util import filter_spans

        from extract.deadlines import find_all
        from extract.owners import find_owners

        text = doc.text
        finding = find_owners(text, self.roster)
        spans = []
        matches = {finding.span: finding.owner} if finding.span else {}
        for (start, end) in finding.spans:
            match = matches.get((start, end))
            if match is None:
                match = next((c for c in finding.collaborators if c.mention == text[start:end]), finding.owner)
            label = _KIND_LABEL.get(match.match, "PERSON")
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        for d in find_all(text, self.meeting_date):
            if d.span:
                span = doc.char_span(*d.span, label="DATE", alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


class ActionComponent(_Component):
    def __call__(self, doc):
        from extract.items import extract_items
        from minutes.jsonout import item_dict
        from minutes.model import Candidate, Document, Meeting, Source, Structured

        source = Source(line=1, text=doc.text)
        structured = Structured(
            document=Document(path="-", format="text", encoding="utf-8", sha256="", blocks=()),
            meeting=Meeting(date=self.meeting_date),
            topics=(),
            candidates=(Candidate(text=doc.text, source=source, origin="sentence"),),
        )
        items = extract_items(structured, self.roster).action_items
        doc._.action = item_dict(items[0]) if items else None
        return doc


def _register(Language) -> None:
    if "minutes_entities" in Language.factories:
        return
    Language.factory("minutes_entities")(lambda nlp, name: EntitiesComponent())
    Language.factory("minutes_action")(lambda nlp, name: ActionComponent())
