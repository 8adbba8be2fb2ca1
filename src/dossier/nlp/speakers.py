"""Who speaks, exactly: unnamed sources, offices and groups as their own speakers.

The statement finder resolves a speaker phrase to an entity id and its words. This module
decides what the contract calls the speaker:

- an unnamed source ("a senior US official", "two people familiar with the talks",
  "European officials") names nobody: ``speaker`` is null, ``speaker_text`` the description,
  and ``on_behalf_of`` the one state or organisation it speaks for, if the phrase names one
  ("US" → the United States);
- a group ("the leaders of Germany, France and Britain", "European partners") speaks as a
  group: null speaker, no single state;
- an office, spokesperson, aide or lawyer named by whose it is ("Macron's office",
  "Trump's lawyer") is not that person: null speaker, ``on_behalf_of`` the person;
- the words after the head that say to whom it spoke ("a Russian government source speaking
  to Reuters") give the outlet that relayed it (``source``), and leave ``speaker_text``.

Named people stay themselves ("Kremlin aide Yuri Ushakov" is Ushakov), and so do titles
the resolver linked to a holder ("the Kremlin spokesman" → Peskov).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .attribution import DocView, load_json, norm_name
from .stance import lexicon

# words that end the core of a speaker phrase ("officials [in Kyiv]", "a source [speaking
# to Reuters]", "two people [familiar with the talks]")
CUT_WORDS = {"of", "in", "from", "at", "with", "familiar", "close", "briefed", "who", "that",
             "speaking", "talking", "involved", "knowledgeable", "told", "on", "for", "to",
             "inside", "within", "near", "based", ",", "working", "aware", "granted"}
FIRM_PEOPLE = {"analyst", "analysts", "economist", "economists", "strategist", "strategists",
               "researchers", "researcher", "lawyers", "lawyer", "experts", "expert"}
RELAY_WORDS = {"speaking", "talking", "told"}
UNNAMED_EXTRA = {"leaders", "partners", "allies", "ministers", "lawmakers", "governments",
                 "countries", "nations", "states", "negotiators", "envoys", "diplomats",
                 "officials", "sources", "people", "person", "figures", "insiders",
                 "representatives", "members", "delegates", "analysts", "experts", "critics",
                 "residents", "witnesses", "observers", "advisers", "advisors", "aides",
                 "participants", "individuals", "counterparts", "commanders", "authorities"}


@dataclass
class Roles:
    speaker: str | None
    speaker_text: str | None
    on_behalf_of: str | None = None
    source: str | None = None
    unnamed: bool = False


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'\u2019.&-]+|,", text)


def _split(words: list[str]) -> tuple[list[str], list[str]]:
    for n, w in enumerate(words):
        if n and w.lower() in CUT_WORDS:
            return words[:n], words[n:]
    return words, []


def _head(core: list[str]) -> str:
    w = core[-1].lower() if core else ""
    return re.sub(r"['\u2019]s?$", "", w)


def _named_in(view: DocView, words: list[str]) -> list[str]:
    """Entity ids named in ``words``: capitalised runs and demonyms ("US", "Russian")."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        w2 = re.sub(r"['\u2019]s$", "", w)
        if w2[:1].isupper() and w2.lower() not in ("a", "an", "the"):
            run.append(w2)
            continue
        while run:
            eid, used = None, 1
            if len(run) > 1 or not view.state_of(run[0]):  # a demonym alone: its state
                for k in range(len(run), 0, -1):  # longest name first
                    eid = view.entity_by_name(" ".join(run[:k]))
                    if eid:
                        used = k
                        break
            if eid is None:
                eid = view.state_of(run[0]) or view.entity_by_name(run[0])
            run = run[used:]
            if eid and eid not in out and view.etype(eid) in ("PERSON", "ORG", "GPE"):
                out.append(eid)
    return out


def speaker_roles(view: DocView, eid: str | None, stext: str | None, *, is_outlet) -> Roles:
    """The speaker, its words, whom it speaks for and who relayed it (see the module doc).
    ``is_outlet(eid, text)`` tells a news outlet."""
    if not stext:
        return Roles(eid, stext)
    lex = lexicon()
    words = _words(stext)
    core, rest = _split(words)
    head = _head(core)
    etype = view.etype(eid)
    unnamed_heads = set(load_json("statements", "sources.json").get("unnamed_heads", [])) \
        | UNNAMED_EXTRA
    ent = view.entities.get(eid) if eid else None
    ent_names = {norm_name(n) for n in [ent.name, *(getattr(ent, "aliases", None) or [])]
                 if n} if ent else set()
    poss = next((n for n, w in enumerate(core) if re.search(r"['\u2019]s?$", w) and n < len(core) - 1),
                None)
    trailing = _trailing_name(view, words)
    if trailing is not None and etype != "PERSON":
        # "the EU's special representative for the South Caucasus, Tomas Reinholt", "the CEO of
        # Moselle Drive Jonas Feldt": the person the title phrase ends with
        pid, name = trailing
        return Roles(pid, stext if pid else name)
    sources = set(load_json("statements", "sources.json").get("unnamed_heads", []))
    if etype == "PERSON" and (head in sources or head + "s" in sources) and ent_names and not any(
            norm_name(" ".join(core[k:])) in ent_names for k in range(len(core))):
        # "two sources inside the Lindqvist campaign": unnamed, the person only their side
        return Roles(None, stext, on_behalf_of=None, unnamed=True)
    if etype == "PERSON":
        short = ent_names | {norm_name(n.split()[-1]) for n in ent_names if n}
        owner = core[:poss + 1] if poss is not None else [w for w in core[:-1]
                                                          if w.lower() not in ("the", "a", "an")]
        if head in set(lex["office_heads"]) and owner and (
                norm_name(" ".join(owner)) in short or norm_name(owner[-1]) in short):
            # "Macron's office", "Trump's lawyer", "the Clinton campaign": not the person,
            # on his behalf
            return Roles(None, stext, on_behalf_of=eid)
        return Roles(eid, stext)
    firm = _firm_after(view, head, rest)
    if firm is not None:
        return Roles(None, firm[1:]) if firm.startswith("=") else Roles(firm, stext)
    if head not in unnamed_heads and head + "s" not in unnamed_heads:
        return Roles(eid, stext)  # a name, a title, an institution ("Russia's defence ministry")
    if eid and norm_name(stext) in ent_names:
        return Roles(eid, stext)  # the entity's own name ("Kremlin", "the Government")
    if eid and etype == "ORG" and is_outlet(eid, None) and not any(
            w.lower() in RELAY_WORDS for w in rest):
        return Roles(eid, stext)
    named = _named_in(view, core)
    behalf = named[0] if len(named) == 1 and "and" not in [w.lower() for w in core] else None
    if rest and len(named) <= 1:
        # "officials of Germany, France and Britain", "leaders of the EU": whom they speak for
        after = _named_in(view, rest)
        conj = "and" in [w.lower() for w in rest] or "," in rest
        if len(after) == 1 and not conj and not named:
            behalf = after[0]
    source = None
    text = stext
    for n, w in enumerate(rest):
        if w.lower() in RELAY_WORDS:
            tail = " ".join(rest[n + 1:])
            tail = re.sub(r"^(?:to|with)\s+", "", tail)
            oid = view.entity_by_name(tail)
            if is_outlet(oid, tail) or (tail[:1].isupper() and view.etype(oid) != "PERSON"):
                source = tail
                text = " ".join(words[:len(core) + n]).replace(" ,", ",").replace(" 's", "'s")
                text = _surface(stext, text)
                if behalf == oid:
                    behalf = None
            break
    sources = set(load_json("statements", "sources.json").get("unnamed_heads", []))
    unnamed = head in sources or head + "s" in sources
    return Roles(None, text, on_behalf_of=behalf, source=source, unnamed=unnamed)


def _trailing_name(view: DocView, words: list[str]) -> tuple[str | None, str] | None:
    """A person's name closing a title phrase: (entity id or None, the name)."""
    from .gazetteer import given_names
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() and w not in (",",) and not re.search(r"['\u2019]s?$", w):
            run.insert(0, w)
            continue
        break
    if len(run) < 2 or len(run) == len(words) or len(run) > 4:
        return None
    for k in range(len(run) - 1):
        name = " ".join(run[k:])
        eid = view.entity_by_name(name)
        if eid and view.etype(eid) == "PERSON":
            return eid, name
        if run[k] in given_names() and len(run) - k >= 2:
            return None, name
    if len(run) >= 3:
        from .gazetteer import country_of_word
        if country_of_word(run[-3]):  # "… of Azerbaijan Nigar Aliyeva"
            name = " ".join(run[-2:])
            eid = view.entity_by_name(name)
            return (eid if view.etype(eid) == "PERSON" else None), name
    return None


def _firm_after(view: DocView, head: str, rest: list[str]) -> str | None:
    """'Analysts at Hollis & Grange': people of a firm speak for the firm."""
    if head not in FIRM_PEOPLE or not rest or rest[0].lower() not in ("at", "from"):
        return None
    named = _named_in(view, rest[1:])
    orgs = [e for e in named if view.etype(e) == "ORG"]
    if len(orgs) == 1:
        return orgs[0]
    name = " ".join(rest[1:])
    if rest[1:] and all(w[:1].isupper() or w == "&" for w in rest[1:]):
        return "=" + name  # a firm the model did not tag: named by its words
    return None


def _surface(original: str, rebuilt: str) -> str:
    """The prefix of ``original`` that ``rebuilt`` (its words re-joined) stands for."""
    want = rebuilt.split()
    pos = 0
    for w in want:
        k = original.find(w, pos)
        if k < 0:
            return rebuilt
        pos = k + len(w)
    return original[:pos].rstrip(" ,")
