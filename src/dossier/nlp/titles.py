"""Component ``dossier_titles`` (after ``ner``): titles and roles, and NER repairs around them.

The grammar is data (``data/titles/titles.json``)::

    TITLE := [determiner] [possessor 's | country/nationality/organisation] modifier* HEAD [of-complement]

("US special envoy", "Kremlin spokesman", "the head of the Ukrainian delegation",
"Secretary of the National Security and Defense Council", "Trump's special envoy").

What the component does, in order:

1. merges the gazetteer's matches with the model's entities (:func:`gazetteer.reconcile`);
2. finds title phrases; a name right after a person title ("Secretary Rubio",
   "the President To Volodymyr Zelenskyy", where a glued "To" is skipped) or in apposition
   (", the head of the Ukrainian delegation, Umerov,"; "Umerov, the head of ...") is the
   title's holder: it becomes (or stays) a PERSON entity and gets ``span._.role``;
3. makes entity types consistent within the document: a name the model tagged as a person
   once is a person everywhere (a "Zelenskyy" tagged GPE, a "Trump's" tagged ORG; a
   possessive ORG tag never outvotes a PERSON tag), and so is a lone unknown word in a
   person's context ("Mr. Trump", "Trump's envoy", "Trump said ... He added ...").

Title phrases are kept for the resolver in ``doc.user_data["dossier_titles"]``: a list of
dicts ``{"start", "end", "role_start", "head", "role", "country", "holder"}`` (token offsets;
``holder`` is ``[start, end]`` of the named holder or None).
"""
from __future__ import annotations

import bisect
import functools

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import (SPAN_KEY, country_of_word, demonyms, get_gazetteer, given_names, org_words,
                        outlet_words, reconcile)
from ..data import load_json
from ..names import PARTICLES, normalize, same_person
from .outlets import outlet_spans
from .places import retype_places

USER_KEY = "dossier_titles"
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_POSSESSIVE = {"'s", "’s", "'"}
_KEEP_NAMES = {"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}


@functools.lru_cache(maxsize=4)
def grammar(name: str = "titles/titles.json") -> dict:
    data = dict(load_json(name))
    data["_modifiers"] = {tuple(m.split()) for m in data["modifiers"]}
    data["_of_heads"] = set(data["of_heads"])
    data["_dets"] = set(data["determiners"])
    data["_skip"] = set(data["skip_before_name"])
    data["_blockers"] = set(data["name_blockers"])
    data["_not_names"] = set(data["not_names"])
    data["_ambiguous"] = set(data.get("ambiguous_in_names", []))
    data["_head_words"] = {w for h in data["person_heads"] for w in h.split()}
    data["_to_heads"] = set(data.get("to_heads", []))
    data["_final"] = set(data.get("complement_final", []))
    return data


def _after_org_head(doc: Doc, e: Span) -> bool:
    """A name of two or more words right after a noun for a kind of company ("the state
    company Norsk Velara", ``org_heads_before``), not opening with a known given name."""
    words = [t for t in e if not t.is_punct]
    return len(words) >= 2 and e.start > 0 and doc[e.start - 1].lower_ in grammar()["org_heads_before"] \
        and words[0].text not in given_names()


def _ent_at(ents: list[Span], i: int) -> Span | None:
    """The entity covering token i; ``ents`` are in document order and do not overlap."""
    k = bisect.bisect_right(ents, i, key=lambda e: e.start) - 1
    if 0 <= k < len(ents) and ents[k].start <= i < ents[k].end:
        return ents[k]
    return None


class TitlesComponent:
    def __init__(self, nlp: Language, name: str, grammar_file: str = "titles/titles.json"):
        self.name = name
        self.g = grammar(grammar_file)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        heads = self.g["person_heads"]
        forms = {h for h in heads} | {h.title() for h in heads} | {h.capitalize() for h in heads}
        # Language.tokenizer is typed as a plain callable; spaCy's Tokenizer has pipe()
        self.matcher.add("TITLE", list(nlp.tokenizer.pipe(sorted(forms))))  # type: ignore[union-attr]

    # ------------------------------------------------------------------ grammar
    def _extend_left(self, doc: Doc, start: int, ents: list[Span]):
        """Modifiers, a country/organisation word or a possessor before a head."""
        country, owner = None, None
        while start > 0:
            t = doc[start - 1]
            two = tuple(x.lower_ for x in doc[max(0, start - 2):start])
            if len(two) == 2 and two in self.g["_modifiers"]:
                start -= 2
                continue
            if (t.lower_,) in self.g["_modifiers"] and not t.ent_type_:
                start -= 1
                continue
            if t.pos_ == "NOUN" and t.is_lower and t.dep_ == "compound":
                start -= 1  # "the army commander", "the delegation head"
                continue
            if t.text in _POSSESSIVE and start >= 2:
                e = _ent_at(ents, start - 2)
                if e is not None and e.label_ in {"PERSON", "ORG", "GPE"}:
                    owner = e
                    country = country or country_of_word(e.text) or _gaz_country(e)
                    start = e.start
                    continue
                break
            e = _ent_at(ents, start - 1)
            if e is not None and e.end == start and e.label_ in {"NORP", "GPE", "ORG"}:
                country = country or country_of_word(e.text) or _gaz_country(e)
                start = e.start
                continue
            iso = country_of_word(t.text) if t.is_title or t.is_upper else None
            if iso:
                country = country or iso
                start -= 1
                continue
            break
        det = start - 1 if start > 0 and doc[start - 1].lower_ in self.g["_dets"] else None
        return start, det, country, owner

    def _of_complement(self, doc: Doc, end: int, ents: list[Span]):
        """'of [the] X' after a head that takes one; returns (new end, country)."""
        if end >= len(doc) or doc[end].lower_ != "of":
            return end, None
        j = end + 1
        if j < len(doc) and doc[j].lower_ in ("the", "a"):
            j += 1
        country = None
        e = _ent_at(ents, j)
        after_ent = None
        if e is not None and e.start in (j, end + 1) and e.label_ in {"ORG", "GPE", "LOC", "NORP", "FAC"}:
            country = country_of_word(e.text) or _gaz_country(e)
            j = e.end
            if not e.kb_id_:  # "the Armed Forces Oleksandr Syrskyi" as one ORG: the name is no part
                for x in range(max(e.start, end + 1), e.end - 1):
                    if doc[x].lower_ in self.g["_final"] and doc[x].is_title \
                            and doc[x + 1].lower_ not in self.g["_final"] \
                            and all(t.is_alpha and t.is_title for t in doc[x + 1:e.end]):
                        j = x + 1
                        break
            while j + 1 < len(doc) and doc[j].lower_ == "of":  # "of the Cabinet of Ministers of
                x = j + 2 if doc[j + 1].lower_ in ("the", "a") else j + 1  # the Kyrgyz Republic"
                chained = _ent_at(ents, x)
                if chained is None or chained.start != x or chained.label_ not in {"ORG", "GPE", "LOC"}:
                    break
                country = country or country_of_word(chained.text) or _gaz_country(chained)
                j = chained.end
            if e.label_ != "NORP":
                after_ent = j  # "the Kyiv regime": the entity, then maybe nouns
        k = j
        while k < len(doc) and k - j < 5:
            t = doc[k]
            if t.is_punct or t.lower_ in self.g["_blockers"]:
                break
            if after_ent is not None and not t.is_lower:
                break  # after a name only common words continue the complement
            if t.lower_ in self.g["_final"] and t.is_title and k > j and k + 1 < len(doc):
                nxt = doc[k + 1]
                if nxt.is_title and nxt.is_alpha and nxt.lower_ not in self.g["_final"] \
                        and nxt.lower_ not in self.g["_head_words"]:
                    return k + 1, country  # "Minister of Foreign Affairs Andrii Sybiha"
            if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and not t.is_title):
                k += 1
                if k >= len(doc) or doc[k].pos_ not in ("NOUN",):
                    return k, country
                continue
            if t.pos_ in ("ADJ", "PROPN"):
                k += 1
                continue
            break
        if k > j:
            return k, country
        if after_ent is not None:
            return after_ent, country
        return end, None

    def _unglue(self, doc: Doc, ents: list[Span], first: int, h: Span, end: int, new_people) -> list[Span]:
        """A name the model glued onto the end of a title's complement ("the Minister of Foreign
        Affairs Andrii Sybiha", "of the Armed Forces Oleksandr Syrskyi" as one ORG): the words
        after the complement are the holder; a name inside the complement stays an ORG."""
        g = _ent_at(ents, end - 1)
        if g is None or g.kb_id_ or g.label_ == "PERSON" or g.label_ not in _NAME_LABELS | _KEEP_NAMES \
                or not (first <= g.start < end < g.end):
            return ents
        rest = doc[end:g.end]
        if not all(t.is_alpha and t.is_title and t.text not in self.g["_not_names"] for t in rest) \
                or not any(t.pos_ == "PROPN" for t in rest) or _headline(h.sent):
            return ents
        ents = [e for e in ents if e is not g]
        s = g.start
        while s < end and doc[s].lower_ in self.g["_dets"]:
            s += 1
        if g.start >= h.end and s < end and g.label_ == "ORG":
            ents.append(Span(doc, s, end, label="ORG"))
        new_people.append((end, g.end))
        return ents

    def _to_complement(self, doc: Doc, end: int, ents: list[Span], heads):
        """'to [the] [country] HEAD [of ...]' after a head that serves someone
        ("Aide to the Russian President", "Adviser to the Head of the Office")."""
        j = end + 1
        if not (j < len(doc) and doc[j].lower_ in self.g["_dets"]):
            return end, None  # "aide to President X": X is the president, not the aide
        j += 1
        country = None
        nxt = next((h for h in heads if j <= h.start <= j + 3), None)
        if nxt is None:
            return end, None
        for t in doc[j:nxt.start]:
            e = _ent_at(ents, t.i)
            if e is not None and e.label_ in {"NORP", "GPE", "ORG"}:
                country = country or country_of_word(e.text) or _gaz_country(e)
                continue
            iso = country_of_word(t.text) if t.is_title or t.is_upper else None
            if iso:
                country = country or iso
                continue
            if (t.lower_,) in self.g["_modifiers"]:
                continue
            return end, None
        new_end = nxt.end
        if nxt.text.lower() in self.g["_of_heads"] or nxt[-1].lower_ in self.g["_of_heads"]:
            new_end, c2 = self._of_complement(doc, new_end, ents)
            country = country or c2
        run = self._person_at(doc, new_end, ents)
        if run and run[1] + 1 < len(doc) and doc[run[1]].text == "," and self._person_at(doc, run[1] + 1, ents):
            return end, None  # "the aide to the president X, Y,": X is the president
        return new_end, country

    def _name_run(self, doc: Doc, k: int, ents: list[Span]) -> tuple[int, int] | None:
        """A run of capitalised name words starting at k (not an entity of another kind)."""
        g = self.g
        j = k
        while j < len(doc) and j - k < 4:
            t = doc[j]
            if not (t.is_alpha and t.is_title) or t.text in g["_not_names"] or t.lower_ in g["_head_words"]:
                break
            e = _ent_at(ents, j)
            if e is not None and (e.label_ != "PERSON" and e.kb_id_):
                break
            j += 1
        if j == k or not any(doc[x].pos_ == "PROPN" for x in range(k, j)):
            return None
        if _headline(doc[k].sent):
            return None  # "US Envoy Meets Ukrainian Team": capitals say nothing in a headline
        return k, j

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        ents = self._split_pairs(doc, reconcile(doc))
        titles: list[dict] = []
        heads = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        new_people: list[tuple[int, int]] = []
        covered = 0  # end of the last title phrase: heads inside it are its words
        for h in heads:
            if h.start < covered:
                continue  # "Chief of the General Staff", "Aide to the Russian President"
            ents = [e for e in ents if e.kb_id_ or not (h.start <= e.start and e.end <= h.end)]
            inside = _ent_at(ents, h.start)
            if inside is not None and not inside.kb_id_ and inside.label_ == "ORG" \
                    and inside.start < h.start and inside.end <= h.end \
                    and all(country_of_word(t.text) for t in doc[inside.start:h.start]):
                ents = [e for e in ents if e is not inside]  # "Kazakh Foreign" of "Kazakh Foreign
                inside = None  # Minister X": a nationality and half a title, no organisation
            if inside is not None and inside.kb_id_:
                continue  # a word inside a known name ("Office of the President")
            if inside is not None and inside.label_ == "PERSON" and inside.start < h.start:
                continue
            lead = inside is not None and inside.start < h.start and all(
                t.lower_ in self.g["_dets"] for t in doc[inside.start:h.start])
            if inside is not None and inside.label_ in _KEEP_NAMES:
                glued = ((inside.start == h.start or lead) and h.text.lower() not in self.g["_ambiguous"]
                         and inside.end - h.end >= 1 and h.end < len(doc) and (
                             doc[h.end].is_title or (lead and doc[h.end].lower_ == "of"
                                                     and h[-1].lower_ in self.g["_of_heads"])))
                if not glued:
                    continue  # a word inside a name the model found ("General Motors")
            start, det, country, owner = self._extend_left(doc, h.start, ents)
            end = h.end
            head = h.text.lower()
            if head in self.g["_of_heads"] or h[-1].lower_ in self.g["_of_heads"]:
                end, c2 = self._of_complement(doc, end, ents)
                country = country or c2
            if head in self.g["_to_heads"] and end + 1 < len(doc) and doc[end].lower_ == "to":
                end, c2 = self._to_complement(doc, end, ents, heads)
                country = country or c2
            covered = max(covered, end)
            if inside is not None and not inside.kb_id_ and start <= inside.start <= h.start:
                # the model glued the title onto a name ("the NSDC Rustem Umerov" as ORG)
                ents = [e for e in ents if not (e.start == inside.start and e.end == inside.end)]
                if inside.end > end:
                    new_people.append((end, inside.end))
            else:
                ents = self._unglue(doc, ents, det if det is not None else start, h, end, new_people)
            role_start = start
            if end < len(doc) and doc[end].text in _POSSESSIVE:
                # "the president's son-in-law": the title owns something, it names no holder
                titles.append({"start": det if det is not None else start, "end": end,
                               "role_start": role_start, "head": head, "role": self._role_text(doc[role_start:end], ents),
                               "country": country, "holder": None,
                               "owner": [owner.start, owner.end] if owner is not None else None})
                continue
            holder = self._holder_after(doc, end, ents, det is not None or owner is not None or start < h.start)
            if holder is None:
                holder = self._holder_before(doc, det if det is not None else start, end, ents)
            if holder is not None and holder not in new_people:
                new_people.append(holder)
            titles.append({"start": det if det is not None else start, "end": end,
                           "role_start": role_start, "head": head,
                           "role": self._role_text(doc[role_start:end], ents), "country": country,
                           "holder": list(holder) if holder else None,
                           "owner": [owner.start, owner.end] if owner is not None else None})
        for t in titles:  # "Qatar's Prime Minister Sheikh Mohammed": chained titles share a holder
            if t["holder"] is None and not (t["end"] < len(doc) and doc[t["end"]].text in _POSSESSIVE):
                nxt = next((u for u in titles if u["start"] == t["end"] and u["holder"]), None)
                if nxt is not None:
                    t["holder"] = nxt["holder"]
        ents = self._add_people(doc, ents, new_people)
        ents = self._join_particles(doc, ents)
        ents = self._consistent_types(doc, ents, new_people, titles)
        ents = filter_spans(outlet_spans(doc, retype_places(doc, ents)))
        ents = self._propagate_names(doc, ents)
        ents = self._outlets(doc, ents)
        doc.set_ents(filter_spans(ents))
        final = list(doc.ents)
        for t in titles:
            if t["holder"]:
                s, e = t["holder"]
                ent = _ent_at(final, s)
                if ent is not None and ent.label_ == "PERSON":
                    ent._.role = t["role"]
                    t["holder"] = [ent.start, ent.end]
                else:
                    t["holder"] = None
        doc.user_data[USER_KEY] = titles
        return doc

    @staticmethod
    def _split_pairs(doc: Doc, ents: list[Span]) -> list[Span]:
        """A hyphenated pair of names the model took for one ("Putin-Witkoff talks", "the
        Trump-Putin summit") is two names when each side is a known place or organisation or
        also occurs on its own in the document, and one side is a person; real hyphenated names
        ("Guinea-Bissau", "Jean-Claude") do not pass that test. Each side takes the type it has
        elsewhere."""
        gaz = {(g.start, g.end): g for g in doc.spans[SPAN_KEY]} if SPAN_KEY in doc.spans else {}
        hyphens = {"-", "\u2013", "\u2010"}
        glued = {i for i, t in enumerate(doc) if t.text in hyphens and not t.whitespace_
                 and i > 0 and not doc[i - 1].whitespace_}
        out = []
        for e in ents:
            cuts = [i for i in range(e.start + 1, e.end - 1) if i in glued]
            if e.kb_id_ or e.label_ not in _NAME_LABELS or not cuts:
                out.append(e)
                continue
            bounds = [e.start - 1] + cuts + [e.end]
            parts = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
            spans = []
            for s, t in parts:
                words = doc[s:t]
                if not (t > s and all(w.is_alpha and w.text[0].isupper() for w in words)):
                    break
                g = gaz.get((s, t))
                if g is not None:
                    spans.append(Span(doc, s, t, label=g.label_, kb_id=g.kb_id_))
                    continue
                alone = [o for o in ents if o is not e and _contains_words(o, words)]
                free = any(doc[j:j + len(words)].text == words.text
                           and not (j - 1 in glued or j + len(words) in glued)
                           for j in range(len(doc) - len(words) + 1) if not (e.start <= j < e.end))
                if get_gazetteer().lookup(words.text) is None and not free:
                    break
                label = "PERSON" if any(o.label_ == "PERSON" for o in alone) else (
                    alone[0].label_ if alone else e.label_)
                spans.append(Span(doc, s, t, label=label))
            if len(spans) == len(parts) and (any(x.label_ == "PERSON" for x in spans) or all(
                    x.kb_id_ and x.label_ in ("GPE", "LOC") for x in spans)):
                out.extend(spans)  # a person in the pair, or two known places ("the X-Y road");
                # "Boeing-Air Force" stays one
            else:
                out.append(e)
        return out

    def _role_text(self, span: Span, ents: list[Span]) -> str:
        """One spelling across reports: title words in lower case, names as written."""
        g = self.g
        words = g["_head_words"] | {w for m in g["_modifiers"] for w in m} | g["_final"] \
            | {"of", "the", "and", "for", "to"}
        out = []
        for t in span:
            named = _ent_at(ents, t.i) is not None
            lower = t.lower_ in words and not named and not (t.is_upper and len(t) > 1)
            out.append(t.lower_ if lower else t.text)
            out.append(t.whitespace_)
        return "".join(out).strip()

    def _holder_after(self, doc: Doc, end: int, ents: list[Span], appositive_ok: bool):
        k = end
        if k < len(doc) and doc[k].text == ",":
            if not appositive_ok:
                return None
            run = self._person_at(doc, k + 1, ents)
            if run and (run[1] >= len(doc) or doc[run[1]].is_punct):
                return run
            return None
        if k < len(doc) and doc[k].lower_ in self.g["_skip"] and doc[k].is_title:
            if k + 1 < len(doc) and doc[k + 1].is_title:
                k += 1
        return self._person_at(doc, k, ents)

    def _holder_before(self, doc: Doc, start: int, end: int, ents: list[Span]):
        """'Umerov, the head of ...' -> Umerov; 'Caine, chairman of the Joint Chiefs,' too."""
        closed = end >= len(doc) or doc[end].text in {",", ".", ";", ")", "(", "—", "-", "and"}
        if start >= 2 and doc[start - 1].text == "," and (doc[start].lower_ in self.g["_dets"] or closed):
            e = _ent_at(ents, start - 2)
            if e is not None and e.end == start - 1:
                return self._person_at(doc, e.start, ents)
        return None

    def _person_at(self, doc: Doc, k: int, ents: list[Span]):
        if k >= len(doc):
            return None
        e = _ent_at(ents, k)
        if e is not None and e.start == k:
            s = e.start
            while s < e.end - 1 and doc[s].lower_ in self.g["_head_words"]:
                s += 1  # the model put a title into the name ("Sheikh Mohammed ...")
            if e.label_ == "PERSON":
                return (s, e.end)
            if not e.kb_id_ and e.label_ in _NAME_LABELS and all(t.is_title for t in e if t.is_alpha):
                return (e.start, e.end)  # a mislabelled name: relabelled below
            return None
        if e is not None:
            return None
        return self._name_run(doc, k, ents)

    def _add_people(self, doc: Doc, ents: list[Span], people) -> list[Span]:
        for s, e in people:
            over = [x for x in ents if x.start < e and s < x.end]
            if any(x.kb_id_ for x in over):
                continue
            if any(x.label_ == "PERSON" and x.start == s and x.end == e for x in over):
                continue
            ents = [x for x in ents if x not in over]
            ents.append(Span(doc, s, e, label="PERSON"))
        return ents

    def _consistent_types(self, doc: Doc, ents: list[Span], holders=(), titles=()) -> list[Span]:
        """A name tagged PERSON somewhere is a PERSON everywhere in the document (but one
        that a company noun introduced is that organisation everywhere)."""
        ents = [self._retype(doc, e) for e in ents]
        holders = {tuple(p) for p in holders}
        # strong evidence of a person: a full name, or a name a title introduced
        people = [e.text for e in ents if e.label_ == "PERSON"
                  and (sum(t.is_alpha for t in e) >= 2 or (e.start, e.end) in holders)]
        people += [e.text for e in ents if self._person_context(doc, e, ents, titles)]
        votes: dict[str, list[int]] = {}
        for e in ents:
            if e.label_ in _NAME_LABELS - {"NORP"}:
                v = votes.setdefault(normalize(e.text), [0, 0])
                if e.label_ != "PERSON" and (e[-1].text in _POSSESSIVE or (
                        e.end < len(doc) and doc[e.end].text in _POSSESSIVE)):
                    continue  # the model's habit: a possessive name ("Trump's") tagged ORG
                v[0 if e.label_ == "PERSON" else 1] += 1
        people += [t for t, (p, o) in votes.items() if p > o]
        if not people:
            return ents
        org_first = {normalize(e[0].text) for e in ents if e.label_ == "ORG"
                     and sum(t.text not in _POSSESSIVE for t in e) > 1}  # "Trump's" is one word
        out = []
        retypable = _NAME_LABELS - {"NORP"} | {"WORK_OF_ART", "PRODUCT"}  # '"...," Al-X said'
        # a name a company noun introduced is that organisation everywhere in the document
        companies = {normalize(e.text) for e in ents if e.label_ == "ORG" and _after_org_head(doc, e)}
        for e in ents:
            if e.label_ == "PERSON" and not e.kb_id_ and normalize(e.text) in companies:
                out.append(Span(doc, e.start, e.end, label="ORG"))
                continue
            if e.label_ != "PERSON" and not e.kb_id_ and e.label_ in retypable \
                    and (e.label_ in _NAME_LABELS or len(e) <= 4):
                txt = normalize(e.text)
                if e.label_ == "ORG" and (txt in org_first or _after_org_head(doc, e)):
                    out.append(e)
                    continue
                if txt and any(same_person(txt, p) for p in people):
                    e = Span(doc, e.start, e.end, label="PERSON")
            out.append(e)
        return out


    def _person_context(self, doc: Doc, e: Span, ents: list[Span], titles) -> bool:
        """A lone capitalised word the model typed as a non-person, in a person's context:
        after a courtesy title ("Mr. Trump"), owning a personal title ("Trump's envoy"), or the
        subject of a reporting verb when the next sentence opens with he/she ("Trump said ...
        He added ...") and no person is named in between. Known organisations and places and
        words of organisation or outlet names never qualify."""
        g = self.g
        if e.label_ not in ("ORG", "GPE", "LOC", "FAC") or e.kb_id_ or len(e) != 1:
            return False
        t = e[0]
        if not (t.is_alpha and t.is_title and len(t) >= 3) or t.text in g["_not_names"] \
                or t.lower_ in g["_head_words"] or t.text in org_words() or t.text in outlet_words() \
                or country_of_word(t.text) or get_gazetteer().lookup(t.text) is not None:
            return False
        if e.start > 0 and doc[e.start - 1].lower_ in g.get("courtesy_titles", []):
            return True
        owned = set(g.get("owned_person_heads", []))
        if any(x.get("owner") == [e.start, e.end] and x["head"] in owned for x in titles):
            return True
        if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.head.lemma_ in g.get("reporting_verbs", []):
            sent = t.sent
            if any(x.label_ == "PERSON" and sent.start <= x.start < sent.end for x in ents):
                return False
            nxt = next((x for x in doc[sent.end:min(len(doc), sent.end + 3)] if not x.is_punct and not x.is_space), None)
            return nxt is not None and bool(nxt.is_sent_start) and nxt.lower_ in ("he", "she")
        return False

    @staticmethod
    def _join_particles(doc: Doc, ents: list[Span]) -> list[Span]:
        """A person name cut after a particle ("Ursula von der" + "Leyen") is one name."""
        out = sorted(ents, key=lambda e: e.start)
        i = 0
        while i < len(out):
            e = out[i]
            # "Mohammed" + "bin Abdulrahman Al Thani": particles and the names they introduce
            j = e.end
            while e.label_ == "PERSON" and j + 1 < len(doc) and doc[j].lower_ in PARTICLES \
                    and doc[j + 1].is_title and doc[j + 1].is_alpha:
                j += 2
                while j < len(doc) and doc[j].is_title and doc[j].is_alpha and doc[j].lower_ not in PARTICLES \
                        and j - e.end < 6:
                    j += 1
            if j > e.end:
                absorbed = [x for x in out[i + 1:] if x.start < j]
                if not any(x.kb_id_ or x.end > j for x in absorbed):
                    out = [x for x in out if x not in absorbed]
                    e = out[i] = Span(doc, e.start, j, label="PERSON")
            if e.label_ == "PERSON" and e[-1].lower_ in PARTICLES and e[-1].is_lower and e.end < len(doc) \
                    and doc[e.end].is_title and doc[e.end].is_alpha:
                nxt = out[i + 1] if i + 1 < len(out) and out[i + 1].start == e.end else None
                end = nxt.end if nxt is not None and not nxt.kb_id_ else e.end + 1
                if nxt is not None and nxt.kb_id_:
                    i += 1
                    continue
                out[i] = Span(doc, e.start, end, label="PERSON")
                if nxt is not None:
                    del out[i + 1]
            i += 1
        return out

    @staticmethod
    def _retype(doc: Doc, e: Span) -> Span:
        """Outlet names ("the Lviv Chronicle") are ORG; nationality words ("Ukrainian") NORP."""
        if e.kb_id_:
            return e
        if e.label_ in {"PERSON", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT"} and len(e) >= 2 \
                and e[-1].text in outlet_words() and e[0].is_title:
            return Span(doc, e.start, e.end, label="ORG")
        words = [t for t in e if not t.is_punct]
        if e.label_ in {"ORG", "GPE", "LOC", "FAC", "NORP"} and 2 <= len(words) <= 3 \
                and all(t.is_alpha and t.is_title for t in words) and words[0].text in given_names() \
                and not any(t.text in org_words() or t.text in outlet_words() for t in words):
            return Span(doc, e.start, e.end, label="PERSON")  # "Olena Zelenska" tagged ORG
        if e.label_ in {"GPE", "LOC", "PERSON", "ORG"} and _nationality_word(e):
            return Span(doc, e.start, e.end, label="NORP")
        if e.label_ in {"PERSON", "GPE", "LOC", "FAC"} and _after_org_head(doc, e):
            return Span(doc, e.start, e.end, label="ORG")  # "the state company Norsk Velara"
        return e

    @staticmethod
    def _outlets(doc: Doc, ents: list[Span]) -> list[Span]:
        """Untagged capitalised names ending in an outlet word ("Prairie Wire has learned")."""
        at = {i: e for e in ents for i in range(e.start, e.end)}
        out = list(ents)
        words = outlet_words()
        for t in doc:
            if t.text not in words or t.i in at or not t.is_title:
                continue
            s, absorbed = t.i, None
            while s > 0 and t.i - s < 3 and doc[s - 1].is_title and doc[s - 1].is_alpha:
                e = at.get(s - 1)
                if e is not None:  # a place name starting the outlet's ("Coastal Herald")
                    if absorbed is None and e.end == s and e.kb_id_ and e.label_ in ("GPE", "LOC"):
                        absorbed, s = e, e.start
                    break
                if doc[s - 1].pos_ != "PROPN":
                    break
                s -= 1
            if s < t.i:
                if absorbed is not None:
                    out = [x for x in out if x is not absorbed]
                span = Span(doc, s, t.i + 1, label="ORG")
                out.append(span)
                at.update({i: span for i in range(s, t.i + 1)})
        return out

    def _propagate_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Later bare mentions of a person's surname that the model missed become PERSON."""
        taken: set[int] = set()
        for e in ents:
            taken.update(range(e.start, e.end))
        surnames: dict[str, int] = {}
        for e in ents:
            words = [t for t in e if t.is_alpha]
            if e.label_ == "PERSON" and len(words) >= 2 and words[-1].is_title and len(words[-1]) >= 3:
                surnames.setdefault(words[-1].text, e.start)
        if not surnames:
            return ents
        out = list(ents)
        for t in doc:
            first = surnames.get(t.text)
            if first is None or t.i in taken or not _name_like(t):
                continue
            if t.i < first and (get_gazetteer().lookup(t.text) is not None or country_of_word(t.text)
                                or t.text in org_words() or t.text in outlet_words()):
                continue  # an earlier mention ("Umerov meets ..." in a headline) unless a known name
            if t.i + 1 < len(doc) and doc[t.i + 1].is_title and doc[t.i + 1].is_alpha:
                continue  # part of a longer name
            if t.i > 0 and doc[t.i - 1].is_title and doc[t.i - 1].is_alpha and not doc[t.i - 1].is_sent_start:
                continue
            out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
            taken.add(t.i)
        return out


def _nationality_word(e: Span) -> bool:
    """A nationality adjective the model took for a name: "Kyrgyz", "South Sudanese", a
    compound adjective "Kazakh-mediated". Country names and known bodies in the demonym
    list ("US", "Kremlin") are names, not adjectives."""
    words = [t for t in e if t.text not in _POSSESSIVE]
    if not words or not words[0].text[:1].isupper():
        return False
    k = len(words)
    for i, t in enumerate(words):  # "Kazakh-mediated": the adjective, a hyphen, lower case
        if t.text in ("-", "\u2010") and i + 1 < len(words) and all(w.is_lower for w in words[i + 1:]):
            k = i
            break
    adjective = " ".join(t.text for t in words[:k])
    return adjective in demonyms() and get_gazetteer().lookup(adjective) is None


def _contains_words(span: Span, words: Span) -> bool:
    """The words occur in the span as a run of whole tokens ("Putin" in "Vladimir Putin")."""
    n = len(words)
    return any(span[k:k + n].text == words.text for k in range(len(span) - n + 1))


def _name_like(tok) -> bool:
    """A proper noun, or a capitalised word the tagger called a noun that is no common word."""
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ != "NOUN" or not tok.is_title:
        return False
    from wordfreq import zipf_frequency
    return zipf_frequency(tok.lower_, "en") < 3.0


def _headline(sent: Span) -> bool:
    """A title-case line (most words capitalised), where capitals do not mark names."""
    heads = grammar()["_head_words"]
    words = [t for t in sent if t.is_alpha and len(t) > 3 and not t.ent_type_ and t.lower_ not in heads]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.75 * len(words)


def _gaz_country(span: Span) -> str | None:
    entry = get_gazetteer().get(span.kb_id_) if span.kb_id_ else None
    return entry.country if entry else None


@Language.factory("dossier_titles", default_config={"grammar": "titles/titles.json"})
def make_titles(nlp: Language, name: str, grammar: str):
    return TitlesComponent(nlp, name, grammar)
