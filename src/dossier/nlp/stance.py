"""What a speaker does with a statement's content: its ``stance``.

``assert`` (the default: facts, evaluations, criticism), ``deny``, ``expect`` (predictions,
plans, promises and vows), ``hope``, ``warn`` (warnings, concern, threats), ``question``,
``demand``. Decided, in order, by

1. a denial: a cue that denies ("denied", "dismissed", "refuted"), a saying verb negated or
   denied ("did not say that …", "denied saying …"), or a describing cue whose
   complement calls the content false ("called it a fake", "described the report as
   speculation"), or a content that says so ("the reports are false");
2. the cue's lemma (``stance_verbs``: "warned" → warn, "vowed" → expect, "asked" → question),
   or the object of "expressed"/"voiced" ("expressed concern" → warn), or "called for" →
   demand (``prep_stances``);
3. the content: a question mark → question; a future modal or a plan verb at its root
   ("will meet", "plans to") → expect; "must"/"should" → demand.

The lexicons are ``data/statements/constructions.json``.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .attribution import load_json

DESCRIBING = {"call", "describe", "dismiss", "label", "brand", "characterize", "characterise",
              "term", "refer", "portray", "deem"}
DEMAND_MODALS = {"must", "should", "ought"}


def lexicon() -> dict:
    return load_json("statements", "constructions.json")


def cue_lemma(tok: Token, known) -> str:
    """The lemma of a cue; 'hopes'/'hoped', which the lemmatiser gives as 'hop', as 'hope'
    when only that is one of the ``known`` lemmas."""
    lemma = tok.lemma_.lower()
    if lemma not in known and lemma + "e" in known and tok.tag_ in ("VBZ", "VBD", "VBN") \
            and tok.lower_[:-1] == lemma + "e":
        return lemma + "e"
    return lemma


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _deny_content(content: Span, lex: dict) -> bool:
    """'the reports are false', 'the claims were fabricated nonsense': a copula whose subject
    is a claim or a pronoun and whose complement calls it false."""
    deny = set(lex["deny_words"])
    root = content.root
    if root.lemma_ != "be":
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.lemma_.lower() in set(lex["claim_nouns"])
                            or subj.lower_ in {"it", "this", "that", "these", "they"}):
        return False
    comps = [c for c in root.children if c.dep_ in ("attr", "acomp")]
    if _negated(root):  # 'the reports were "not true"', 'that is not the case'
        true = set(lex["true_words"])
        return any(" ".join(t.lower_ for t in c.subtree if t.is_alpha) in true for c in comps)
    return any(t.lower_ in deny for c in comps for t in c.subtree)


def _by_content(content: Span | None, text: str, lex: dict) -> str | None:
    if text.rstrip(" \"'\u201d\u2019.").endswith("?"):
        return "question"
    if content is None or not len(content):
        return None
    root = content.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    auxs = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in root.children if c.dep_ in ("dobj", "acomp", "attr")} | {root.lower_}
    for w, st in lex["content_stances"].items():
        if w in words:
            return st  # "has serious concerns", "is deeply alarmed", "had serious doubts"
    if any(a.lower_ in lex["future_modals"] or a.lemma_ == "will" for a in auxs):
        return "expect"
    if root.lemma_.lower() in set(lex["expect_verbs"]) and any(
            c.dep_ in ("xcomp", "dobj", "ccomp") for c in root.children):
        return "expect"  # "plans to", "intends to", "expected strong demand"
    if any(a.lower_ == "going" for a in auxs) or (root.lower_ == "going" and any(
            c.dep_ == "xcomp" for c in root.children)):
        return "expect"
    if any(a.lower_ in DEMAND_MODALS for a in auxs):
        return "demand"
    return None


def negated_saying(cue: Token) -> bool:
    """A saying verb, negated, with a "that" clause ("did not say that …", "never said the
    talks failed"): a correction, the speaker's denial of the content; not "did not say
    whether / when …", which says nothing."""
    if cue.lemma_.lower() not in set(lexicon()["negatable_saying"]) or not _negated(cue):
        return False
    comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    return comp is not None and comp.left_edge.lower_ not in set(lexicon()["open_question_words"])


def stance_of(cue: Token | None, content: Span | None, text: str) -> str:
    """The stance of a statement whose cue is ``cue`` (a verb, or None for "according to"
    and labels) and whose content is ``content`` (its tokens) / ``text``."""
    lex = lexicon()
    lemma = cue_lemma(cue, lex["stance_verbs"]) if cue is not None else ""
    if cue is not None and negated_saying(cue):
        return "deny"  # "did not say that …": the speaker takes the content back
    if cue is not None and cue.dep_ in ("xcomp", "pcomp") and not _negated(cue.head) \
            and lex["stance_verbs"].get(cue.head.lemma_.lower()) == "deny" \
            and lemma in set(lex["negatable_saying"]):
        return "deny"  # "denied saying that …"
    if cue is not None and _negated(cue):
        lemma = ""  # "did not deny", "did not warn": no stance of the cue's own
    if cue is not None and cue.dep_ in ("advcl", "conj") and not lemma in lex["stance_verbs"] \
            and lex["stance_verbs"].get(cue.head.lemma_.lower()) == "deny" and not _negated(cue.head):
        return "deny"  # "denied that, saying …", "denied claims … and said …"
    if lemma in DESCRIBING and content is not None:
        deny = set(lex["deny_words"])
        if lemma == "dismiss" or any(t.lower_ in deny for t in content):
            return "deny"
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None) if cue is not None else None
        if obj is not None and obj.lemma_.lower() in set(lex["accusation_nouns"]):
            return "deny"  # "characterized the accusation as a distraction"
    by_verb = lex["stance_verbs"].get(lemma)
    if cue is not None and lemma in ("express", "voice"):
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None) or next(
            (c.left_edge for c in cue.children if c.dep_ == "ccomp"), None)  # "concern that …"
        if obj is not None:
            by_verb = lex["stance_objects"].get(obj.lower_) or by_verb
    preps = lex["prep_stances"].get(lemma)
    if cue is not None and preps:
        prep = next((c.lower_ for c in cue.children if c.dep_ == "prep" and c.lower_ in preps), None)
        if prep:
            by_verb = preps[prep]  # "called for", "insisted on"
    if by_verb:
        return by_verb
    words = [t.lower_ for t in content if t.is_alpha] if content is not None else []
    if words and len(words) <= 3 and words[-1] in set(lex["deny_words"]) | {"no"}:
        return "deny"  # a one-word reply: "Fake.", "Nonsense."
    if content is not None and len(content) and _deny_content(content, lex):
        return "deny"
    return _by_content(content, text, lex) or "assert"
