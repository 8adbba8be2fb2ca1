"""Organisation names the model split, repaired on the spaCy doc: a legal suffix left outside
the name ("Chrysler" + "LLC"), a legal name cut at its "and"/"&" ("European Aeronautic Defence"
+ "and Space Company N.V."), an acronym defined in brackets that makes its spelled-out name
an organisation. The string rules (keys, acronyms, short forms) are ``dossier.orgnames``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..orgnames import _CONNECT, _FUNCTION, _lists, _word, acronym_forms, is_acronym


def _legal_run(doc: Doc, i: int, limit: int) -> int:
    """End of a run of legal-suffix tokens starting at ``i`` ("Company N.V.", ", Inc.")."""
    suffixes = _lists()["suffixes"]
    j = i
    if j < limit and doc[j].text == "," and j + 1 < limit and _word(doc[j + 1].text) in _lists()["legal"]:
        j += 1  # "Apple, Inc."
    k = j
    while k < limit and (_word(doc[k].text) in suffixes and doc[k].text[:1].isupper()
                         or (doc[k].text == "." and k > j)):
        k += 1
    return k if k > j else i


def _clean(span: Span) -> Span | None:
    """Without a dateline glued before the name ("OSLO - Norsk Kraft") and without
    trailing function words ("Veltra Motor Corporation of")."""
    doc = span.doc
    a, b = span.start, span.end
    for k in range(a, b):
        if doc[k].text in ("-", "\u2013", "\u2014") and k > a and all(
                t.is_upper or t.is_punct or t.like_num for t in doc[a:k]):
            a = k + 1
    while b > a and doc[b - 1].lower_ in _FUNCTION:
        b -= 1
    if (a, b) == (span.start, span.end):
        return span
    return Span(doc, a, b, label=span.label_, kb_id=span.kb_id_) if b > a else None


def _person_after(span: Span) -> list[Span]:
    """An organisation or country name glued to the person who follows it in a translated
    title phrase ("Moselle Drive Jonas Feldt", "Azerbaijan Nigar Aliyeva"): two names."""
    from .gazetteer import country_of_word, given_names
    doc = span.doc
    if span.label_ not in ("ORG", "GPE") or len(span) < 3 or span.kb_id_:
        return [span]
    for k in range(span.start + 1, span.end - 1):
        tail = doc[k:span.end]
        if not (all(t.text[:1].isupper() for t in tail) and span.end - k <= 3
                and doc[k - 1].text[:1].isupper()):
            continue
        # a given name, or two name words after the country that ends a body's name ("the
        # State Committee of National Security of the Republic of X Ivanov Sergei")
        if doc[k].text in given_names() or (span.end - k == 2 and _ends_in_country(doc, span.start, k)
                                            and all(t.is_alpha for t in tail) and _rare_words(tail)):
            head = doc[span.start:k]
            label = "GPE" if country_of_word(head.text) else span.label_
            return [Span(doc, span.start, k, label=label), Span(doc, k, span.end, label="PERSON")]
    return [span]


def _ends_in_country(doc: Doc, start: int, k: int) -> bool:
    """Do the words before ``k`` end with a country's name ("... of the Kyrgyz Republic")?"""
    from .gazetteer import get_gazetteer
    for n in (1, 2, 3):
        if k - n > start:
            entry = get_gazetteer().lookup(doc[k - n:k].text)
            if entry is not None and entry.kind == "country":
                before = k - n - 1 if doc[k - n - 1].lower_ != "the" else k - n - 2
                return before > start and doc[before].lower_ == "of"
    return False


def _rare_words(span: Span) -> bool:
    """Words no English text uses much (names: "Ivanov Sergei", not "Federal Reserve")."""
    from wordfreq import zipf_frequency
    return all(zipf_frequency(t.lower_, "en") < 3.5 for t in span)


def _bracket_split(span: Span) -> list[Span]:
    """A name the model ran into the bracketed acronym after it: the name and the acronym."""
    doc = span.doc
    for k in range(span.start + 1, span.end - 1):
        if doc[k].text == "(" and is_acronym(doc[k + 1].text):
            return [Span(doc, span.start, k, label=span.label_, kb_id=span.kb_id_),
                    Span(doc, k + 1, k + 2, label="ORG")]
    return [span]


def repair_org_spans(doc: Doc) -> None:
    """Re-join organisation names the model split (see the module doc); sets ``doc.ents``."""
    ents = sorted(doc.ents, key=lambda e: e.start)
    if not ents:
        return
    cleaned = [(_clean(e) if e.label_ == "ORG" else e) for e in ents]
    changed = any(c is not e for c, e in zip(cleaned, ents))
    ents = []
    for e in cleaned:
        if e is None:
            continue
        parts = [p for part in _bracket_split(e) for p in _person_after(part)]
        # "the CEO of Moselle Drive Jonas Feldt"; "Workers' Confederation (CNT" as one span
        changed = changed or len(parts) > 1
        ents.extend(parts)
    out: list[Span] = []
    n = 0
    while n < len(ents):
        e = ents[n]
        if e.label_ != "ORG":
            out.append(e)
            n += 1
            continue
        start, end = e.start, e.end
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        # "European Aeronautic Defence" + "and Space Company N.V.": one legal name
        if nxt is not None and nxt.label_ in ("ORG", "") and _joins(doc, e, nxt):
            end = nxt.end
            n += 1
            nxt = ents[n + 1] if n + 1 < len(ents) else None
        limit = nxt.end if nxt is not None and nxt.label_ == "ORG" and all(
            _word(t.text) in _lists()["suffixes"] or t.text in {",", "."} for t in nxt) else \
            (nxt.start if nxt is not None else len(doc))
        k = _connected_name(doc, e, end, limit)
        if k > end:
            end = k  # "… Defence" + "and Space Company N.V." (the rest left untagged)
        k = _legal_run(doc, end, limit)
        if k > end:
            end = k
            if nxt is not None and nxt.start < end:
                n += 1  # "Chrysler" + "LLC": the suffix the model took for a name
        if (start, end) != (e.start, e.end):
            changed = True
            out.append(Span(doc, start, end, label="ORG", kb_id=e.kb_id_))
        else:
            out.append(e)
        n += 1
    out, more = _defined_acronyms(doc, out)
    out, more2 = _country_body(doc, out)
    if changed or more or more2:
        doc.set_ents(filter_spans(out))


def _defined_acronyms(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
    """'Andes Wire Service (AWS)': the capitalised words before a bracketed acronym that
    they spell are an organisation's name, whatever the model made of them."""
    changed = False
    for k in range(2, len(doc) - 1):
        if doc[k - 1].text != "(" or doc[k + 1].text != ")" or not is_acronym(doc[k].text):
            continue
        j = k - 1
        words: list[int] = []
        while j - 1 >= 0 and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in _FUNCTION
                              or doc[j - 1].text in ("'", "\u2019", "'s")) and len(words) < 10:
            j -= 1
            words.insert(0, j)
        while words and doc[words[0]].lower_ in _FUNCTION:
            words.pop(0)
        for start in words:  # the shortest run of words that spells the acronym
            if doc[start].lower_ in _FUNCTION:
                continue
            name = doc[start:k - 1]
            if doc[k].text.replace(".", "") in acronym_forms(name.text):
                span = Span(doc, start, k - 1, label="ORG")
                if not any(e.start == span.start and e.end == span.end and e.label_ == "ORG"
                           for e in ents):
                    ents = [e for e in ents if e.end <= span.start or e.start >= span.end] + [span]
                    changed = True
                more = _acronym_mentions(doc, doc[k].text, ents)
                ents, changed = ents + more, changed or bool(more)
                break
        else:  # "Workers' Confederation (CNT)": an acronym in the name's own language
            if any(e.end == k - 1 and e.label_ == "ORG" for e in ents) \
                    and not any(e.start <= k < e.end for e in ents):
                more = _acronym_mentions(doc, doc[k].text, ents)
                ents, changed = ents + more, changed or bool(more)
    return ents, changed


def _acronym_mentions(doc: Doc, acronym: str, ents: list[Span]) -> list[Span]:
    """Every untagged use of an acronym the text defines ("(EADC)", "EADC shares rose"): an
    organisation's name."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    return [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text == acronym and t.i not in taken]


def _country_body(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
    """'the United States' + 'Senate' tagged apart: one body, the country's."""
    ents = sorted(ents, key=lambda e: e.start)
    out: list[Span] = []
    changed = False
    for e in ents:
        if out and e.label_ == "ORG" and out[-1].label_ == "GPE" and out[-1].end == e.start \
                and _generic_body(e) and doc[e.start].text[:1].isupper():
            out[-1] = Span(doc, out[-1].start, e.end, label="ORG")
            changed = True
            continue
        out.append(e)
    return out, changed


def _generic_body(e: Span) -> bool:
    """An organisation name of no known body, or a generic one ("Senate", "Congress")."""
    if not e.kb_id_:
        return True
    from .gazetteer import get_gazetteer
    entry = get_gazetteer().get(e.kb_id_)
    return entry is not None and entry.weak and entry.kind == "org"


def _connected_name(doc: Doc, left: Span, end: int, limit: int) -> int:
    """End of "and"/"&" + capitalised words + a legal suffix right after ``left`` (words
    the model left outside any name), else ``end``."""
    if end >= limit or doc[end].text not in _CONNECT or left.kb_id_:
        return end
    if _word(left[-1].text) in _lists()["suffixes"]:
        return end
    if doc[end].text == "and" and len([t for t in left if t.text[:1].isupper()]) < 2:
        return end
    k = end + 1
    while k < limit and doc[k].text[:1].isupper() and doc[k].ent_type_ in ("", "ORG") \
            and _word(doc[k].text) not in _lists()["suffixes"]:
        k += 1
    if k == end + 1:
        return end
    j = _legal_run(doc, k, limit)
    return j if j > k else end


def _joins(doc: Doc, left: Span, right: Span) -> bool:
    """Is ``left`` + "and"/"&" + ``right`` one legal name ("Procter & Gamble Co.",
    "European Aeronautic Defence and Space Company N.V.")?"""
    between = doc[left.end:right.start]
    words = [t for t in between]
    left_last = left[-1].text
    if left_last.lower() in _CONNECT and not words:
        glue = True  # the model kept the "and" in the left part
    else:
        glue = len(words) == 1 and words[0].text in _CONNECT
    if not glue or left.kb_id_ or right.kb_id_:
        return False
    rwords = [t.text for t in right]
    if not rwords or _word(rwords[-1]) not in _lists()["suffixes"] or len(rwords) < 2:
        return False  # the right part must close a legal name
    if _word(left[-1 if left_last.lower() not in _CONNECT else -2].text) in _lists()["suffixes"]:
        return False  # "Boeing Co. and Airbus SAS": two companies
    if "&" in [t.text for t in words] or left_last == "&":
        return True
    return len([t for t in left if t.text[:1].isupper()]) >= 2
