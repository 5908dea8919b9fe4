"""Find attributions (source, cue, content) in a parsed article.

Rules on spaCy's dependency parse, one function per construction:

- ``verb_cues``: "X said (that) ...", "X told Y ...", "..., X told Y." (the
  content before the cue), "Y, they say, ..." (parataxis), "X accused Y of ...",
  "X denied reports ...", "X claimed responsibility for ...", "X holds Y
  responsible", "sources put the number at ...", "X described Y as ...";
- ``according_to``: "According to X, ...", "..., according to X", "a report
  ... according to which ...";
- ``adjective_cues``: "X are convinced that ...";
- ``noun_cues``: "X released a statement that ...";
- ``passive_hedges``: "X are believed to be ..." (the author's hedge).

Direct quotations next to a cue become its content, across sentences, and a
quote that follows in the same paragraph with no cue of its own continues the
previous claim. Cues inside another claim's content (reported speech within
reported speech) and hypothetical speech ("prefer to say", "plan to
announce") are not claims of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..config import settings
from ..model import Span
from .lexicon import lexicon
from .quotes import Quote, find_quotes, paragraphs

SUBJ = ("nsubj",)
# Verbs that turn the cue below them into intended or hypothetical speech.
_NOT_SPEECH_HEADS = {"prefer", "plan", "hesitate", "refuse", "decline", "want", "wish", "intend", "expect", "try", "fail", "hope", "need", "have", "ask", "agree", "like", "begin", "start", "continue", "seek", "dare", "attempt", "allow", "let", "make", "use"}


@dataclass
class Attribution:
    cue: Span
    cue_lemma: str
    content: Span
    sentence: Span
    source_head: int | None = None  # token index of the source phrase's head
    source_span: Span | None = None
    rule: str = ""
    stance_hint: str | None = None
    hedge: bool = False
    quote: bool = False
    recipient: str = ""  # "told WND": who was told, for cataphora
    evidence: Span | None = None
    source_text: str | None = None  # the words of one speaker among several ("medical officials")
    source_words: Span | None = None  # what the clause names the source with, when not source_span ("who", "A and B")
    extra: dict = field(default_factory=dict)


def char_span(tokens) -> Span:
    tokens = list(tokens)
    return Span(min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def subtree_span(tok, exclude=()) -> Span:
    ex = set()
    for e in exclude:
        ex.update(x.i for x in e.subtree)
    toks = [t for t in tok.subtree if t.i not in ex and not t.is_space]
    return char_span(toks or [tok])


def source_phrase(tok) -> Span:
    """The source noun phrase headed by ``tok``, without appositions, relative
    clauses and parentheticals ("Mushir al Masri, a spokesman for Hamas," ->
    "Mushir al Masri")."""
    cut = [c for c in tok.children if c.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj") and c.i > tok.i]
    keep_conj = [c for c in tok.children if c.dep_ == "conj"]
    toks = set(tok.subtree)
    for c in cut:
        if c in keep_conj:
            continue
        toks -= set(c.subtree)
    # drop everything after the first comma following the head
    toks = sorted(toks, key=lambda t: t.i)
    out = []
    for t in toks:
        if t.i > tok.i and t.text in (",", "(", "[", "—", "--"):
            break
        out.append(t)
    while out and out[0].is_punct:
        out = out[1:]  # the determiner stays in the span ("the source"); names drop it, see sources.py
    while out and out[-1].is_punct:
        out = out[:-1]
    return char_span(out or [tok])


def _children(tok, *deps):
    return [c for c in tok.children if c.dep_ in deps]


_RELEASE_VERBS = {"release", "issue", "publish", "post", "put", "send", "circulate", "share", "distribute", "give", "provide", "produce", "present", "make"}
_STATEMENT_NOUNS = {"statement", "figures", "figure", "report", "video", "letter", "message", "post", "communique", "communiqué", "tally", "data", "release"}


def _in_parentheses(tok) -> bool:
    """A dateline's '(Reuters)' the parser made a subject."""
    words = [t for t in tok.subtree if not t.is_punct]
    if not words:
        return False
    i, j = words[0].i, words[-1].i
    doc = tok.doc
    return i > 0 and doc[i - 1].text in ("(", "[") and j + 1 < len(doc) and doc[j + 1].text in (")", "]")


def _quoted_as(tok):
    """'X was quoted as saying ...', 'TV quoted X as saying ...': X speaks."""
    if tok.dep_ != "pcomp" or tok.head.lower_ != "as" or tok.head.head.lemma_.lower() not in ("quote", "cite"):
        return None
    q = tok.head.head
    who = _children(q, "nsubjpass") or _children(q, "dobj")
    return who[0] if who else None


def _acronym_aux(tok):
    """'IS said ...': the small parser reads the group's acronym as the verb 'is'."""
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.i < tok.i and len(c.text) > 1 and c.text.isupper() and c.lemma_ == "be":
            if not tok.doc[c.sent.start : c.sent.end].text.isupper():
                return c
    return None


def _subject(tok):
    subj = [c for c in _children(tok, *SUBJ) if not _in_parentheses(c)]
    if subj:
        return subj[0]  # ("(Reuters) - Russia's ministry said": the dateline's agency is no subject)
    acr = _acronym_aux(tok)
    if acr is not None and not _children(tok, "nsubjpass"):
        return acr
    quoted = _quoted_as(tok)
    if quoted is not None:
        return quoted
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and not (tok.head.lemma_.lower() in _STATEMENT_NOUNS and tok.head.head.lemma_.lower() in _RELEASE_VERBS):
        return tok.head  # "some outlets saying ...", "witness reports saying ...": the noun the participle qualifies
    if tok.dep_ == "acl" and tok.head.head != tok.head:
        head_subj = _children(tok.head.head, *SUBJ)  # "X released figures saying ..."
        if head_subj:
            return head_subj[0]
    # "... after widely shared reports suggested that ...": a finite cue right after an object
    # noun, with no 'and' or comma between, is a misparse; that noun is its subject
    if tok.dep_ in ("conj", "advcl") and tok.tag_ in ("VBD", "VBZ", "VBP") and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("dobj", "pobj") and prev.head.i < prev.i:
            return prev
    # "adding that ..." / "was on video calling on ...": the subject of the verb above
    if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head != tok:
        head_subj = _children(tok.head, *SUBJ)
        h = tok.head
        if head_subj and _speaker_anaphor(head_subj[0]) and h.dep_ == "ccomp" and h.head.lemma_.lower() in lexicon().verbs:
            # "the group said it had not fired and blamed the army", "X said its men had left,
            # calling ...": the parser puts the second cue inside the reported clause, whose
            # subject points back at the speaker; the speaker says it
            spk = _children(h.head, *SUBJ)
            if spk:
                return spk[0]
        if head_subj:
            return head_subj[0]
        # "X said ten rebels were killed, denying reports of ...": the parser hangs the participle
        # on the reported clause; the one who says it is the speaker
        if tok.tag_ == "VBG" and h.dep_ == "ccomp" and h.head.lemma_.lower() in lexicon().verbs:
            spk = _children(h.head, *SUBJ)
            if spk:
                return spk[0]
    return None


_ANAPHORIC_SUBJECTS = {"it", "they", "he", "she", "we", "i"}


def _speaker_anaphor(subj) -> bool:
    """A reported clause's subject that points back at its speaker: a pronoun
    ('it', 'they') or the speaker's own people ('its fighters', 'their men')."""
    if subj.lower_ in _ANAPHORIC_SUBJECTS:
        return True
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in subj.children)


# cues whose subject may be evidence rather than a speaker: "the data show", "the arrests showed"
_EVIDENTIAL_CUES = {"show", "prove", "demonstrate", "indicate", "suggest", "reveal", "confirm", "establish"}
# what can attest: documents, records, images and counts (speakers are checked apart)
_DOCUMENT_NOUNS = {"study", "survey", "data", "figure", "figures", "statistic", "statistics", "record", "document", "image",
                   "imagery", "photo", "photograph", "picture", "footage", "video", "recording", "audio", "evidence",
                   "analysis", "investigation", "inquiry", "probe", "finding", "result", "test", "autopsy", "census",
                   "map", "tally", "count", "estimate", "poll", "review", "assessment", "rumour", "rumor", "leak",
                   "intelligence", "research", "log", "list", "memo", "cable", "transcript", "testimony", "account"}


def _can_attest(subj) -> bool:
    """The subject of an evidential cue speaks or is a document: a pronoun, a
    name, a person, a body, an outlet, a statement or record. An event noun
    ('the arrests', 'the killings') proves only what someone else infers."""
    if subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    from .sources import ORG_ANAPHORS, PERSON_NOUNS, ROLE_NOUNS

    lemma, low = subj.lemma_.lower(), subj.lower_
    lex = lexicon()
    if any(w in vocab for w in (lemma, low) for vocab in (PERSON_NOUNS, ROLE_NOUNS, ORG_ANAPHORS, _STATEMENT_NOUNS,
                                                            _CONTENT_NOUNS, _DOCUMENT_NOUNS, lex.nouns)):
        return True
    return any(w in vocab for w in (lemma, low) for vocab in (lex.anonymous_heads, lex.media_heads, lex.org_heads))


def _is_passive(tok) -> bool:
    acr = _acronym_aux(tok)
    return any(c.dep_ in ("auxpass", "nsubjpass") and (acr is None or c.i != acr.i) for c in tok.children)


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


# nouns for a statement whose content can follow ("the claim that ...", "the declaration of ...")
_CONTENT_NOUNS = {"declaration", "claim", "assertion", "allegation", "accusation", "report", "announcement", "warning",
                  "promise", "pledge", "threat", "denial", "admission", "insistence", "suggestion", "rumour", "rumor",
                  "testimony", "account", "confirmation", "statement", "charge", "contention", "estimate", "belief"}


def _description_span(tok) -> Span:
    """The noun with its modifiers before it ("online reports")."""
    toks = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod", "det")] + [tok]
    toks = [t for t in toks if t.dep_ != "det"]
    return char_span(toks)


# the author's doubt written as an adjective on an event or a statement
_HEDGE_ADJECTIVES = {"alleged", "purported", "suspected", "presumed", "supposed", "unconfirmed", "unverified"}
_EVENT_OR_STATEMENT_NOUNS = {
    "attack", "strike", "airstrike", "air strike", "bombing", "killing", "massacre", "raid", "shelling", "abduction",
    "kidnapping", "ambush", "assault", "explosion", "blast", "shooting", "incident", "plot", "violation", "abuse",
    "crime", "execution", "torture", "rape", "looting", "arson", "offensive", "incursion", "involvement", "role",
    "link", "ties", "use", "message", "video", "recording", "statement", "letter", "audio", "footage", "post",
    "document", "report", "claim", "confession", "leak", "coup", "mutiny", "infiltration", "sabotage", "hack", "cyberattack",
}
_WIRE_NAMES = {"Reuters", "AFP", "AP", "BBC", "Xinhua", "Anadolu", "CNN", "Al Jazeera", "Bloomberg", "dpa", "DPA", "EFE", "ANSA", "Kyodo", "Yonhap", "TASS", "Interfax"}

# cues whose infinitive complement is what they state: "vowed to retaliate", "claimed to have ..."
_INFINITIVE_CUES = {"urge", "call", "threaten", "vow", "promise", "pledge", "warn", "claim", "deny", "admit", "acknowledge", "appear"}


def _clause_of(tok) -> Span:
    """The clause ``tok`` belongs to, without the clauses hung on its verb
    ('The suspected air strike hit the village, targeting ..., said X' ->
    'The suspected air strike hit the village')."""
    verb = tok
    while verb.head.i != verb.i and (verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass", "prep", "pcomp", "acl", "amod", "pobj", "agent")):
        verb = verb.head  # up to the clause's own verb ("regarding the alleged strikes" is not a clause)
    if verb.pos_ not in ("VERB", "AUX"):
        return subtree_span(tok)
    drop = [c for c in verb.children if c.dep_ in ("advcl", "parataxis", "ccomp", "conj", "cc") and tok not in c.subtree and c.i > tok.i]
    toks = [t for t in verb.subtree if not any(t in d.subtree for d in drop)]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    return char_span(toks)


def _misparsed_finite(tok) -> bool:
    """'confirmed the result but said turnout was low': the small parser makes
    the finite 'said' a modifier of the next noun. A past or present tense cue
    right after 'and'/'but' is a verb of its own."""
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.lower_ in ("and", "but") and prev.dep_ == "cc" and tok.head.i > tok.i


def _that_clause_in_prep(tok) -> Span | None:
    """The 'that' clause under a prepositional phrase of the cue ("said in a
    second statement that ...", "confirmed in a statement posted on its website
    that ...")."""
    for p in _children(tok, "prep"):
        if p.i < tok.i or p.lower_ not in ("in", "on", "through", "via", "during", "at"):
            continue
        for t in p.subtree:
            if t.dep_ in ("acl", "relcl", "ccomp", "advcl") and t.pos_ in ("VERB", "AUX"):
                mark = [m for m in t.children if m.dep_ == "mark" and m.lower_ == "that"]
                if mark:
                    return Span(mark[0].idx, subtree_span(t).end)
    return None


def _free_relative(tok) -> bool:
    """'ambushed by what they believed were armed bandits': the cue qualifies a
    noun phrase of another sentence. ('what it described as terrorism' stays a
    claim: the description is the speaker's.)"""
    for c in _children(tok, "ccomp", "xcomp"):
        for w in c.children:
            if w.lower_ == "what" and w.i < tok.i and w.dep_ in ("nsubj", "attr", "nsubjpass"):
                return True
    return False


def _future(tok) -> bool:
    """'the group will announce ...': speech to come is no claim yet."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in tok.children)


def _inverted(tok, lemma: str) -> bool:
    """A cue clause the parser hung on the clause it reports: "..., local sources told AFP"."""
    if tok.dep_ not in ("conj", "advcl") or tok.head is tok or tok.head.i > tok.i or not _children(tok, "nsubj"):
        return False
    set_off = tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ","
    return (set_off and lemma in ("tell", "say", "add", "report", "confirm")) or not _children(tok, "dobj", "prep")


def _as_clause(tok) -> bool:
    """'As the governor said, the town fell within hours': a bare cue in an
    'as' clause reports the clause it modifies ('as soon as X announced the
    toll', 'as the army announced the toll' are not)."""
    if tok.dep_ != "advcl" or tok.head is tok or tok.head.pos_ not in ("VERB", "AUX") or not _children(tok, "nsubj"):
        return False
    if _children(tok, "dobj", "ccomp", "xcomp"):
        return False
    marks = [m for m in tok.children if m.dep_ == "mark"]
    return (len(marks) == 1 and marks[0].lower_ == "as" and marks[0].i == tok.left_edge.i
            and not any(c.dep_ == "advmod" and c.i < tok.i for c in tok.children))


def _time_object(prep) -> bool:
    """'called the mayor on Friday', 'pressed for hours': a preposition of time
    is no frame ('called on the government', 'pressed for talks' are)."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _frame_ok(tok, lemma, quote_adjacent: bool) -> bool:
    frames = lexicon().frames.get(lemma)
    if not frames:
        return True
    for cond in frames:
        ok = True
        if cond.get("ccomp"):
            ok &= bool(_children(tok, "ccomp")) or _as_clause(tok)
        if cond.get("clause"):
            # a reported clause in any form: "added that ...", "“...,” he added", "..., he added", "X, he added, was ...",
            # "said in a statement that ..."
            ok &= (bool(_children(tok, "ccomp")) or quote_adjacent or tok.dep_ == "parataxis" or _inverted(tok, lemma)
                   or _that_clause_in_prep(tok) is not None or bool(_children(tok, "xcomp")) or _as_clause(tok))
        if cond.get("predicative"):
            # "called the strike a massacre", "called him a liar"
            ok &= (any(c.lower_ not in ("what", "whatever") for c in _children(tok, "dobj"))  # not "what he called the tyrants"
                   and any(c.dep_ in ("oprd", "xcomp", "ccomp") and c.pos_ in ("NOUN", "ADJ", "PROPN") for c in tok.children))
        if cond.get("quote"):
            ok &= quote_adjacent
        if cond.get("object"):
            ok &= bool(_children(tok, "dobj"))
        if cond.get("xcomp"):
            ok &= bool(_children(tok, "xcomp"))
        if "dobj" in cond:
            objs = _children(tok, "dobj")
            objs += [p2 for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for p2 in p.children if p2.dep_ == "pobj"]
            ok &= any(c.lemma_.lower() in cond["dobj"] for c in objs)  # "claimed a series of attacks"
        if "prep" in cond:
            heads = [tok] + _children(tok, "dobj")
            ok &= any(c.lower_ in cond["prep"] and not _time_object(c) for h in heads for c in _children(h, "prep", "agent", "dative"))
        if "prt" in cond:
            ok &= any(c.lower_ in cond["prt"] for c in _children(tok, "prt"))
        if "oprd" in cond:
            ok &= any(c.lemma_.lower() in cond["oprd"] for c in tok.subtree if c.dep_ in ("oprd", "acomp", "amod", "ccomp", "xcomp"))
        if ok:
            return True
    return False


@lru_cache(maxsize=16)
def _run_of(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + "]*")


class Finder:
    """Runs the construction rules over one spaCy doc."""

    def __init__(self, sdoc, text: str):
        self.sdoc = sdoc
        self.text = text
        self.quotes: list[Quote] = find_quotes(text)
        self.paragraphs = paragraphs(text)
        self.lex = lexicon()
        self.failures: list[str] = []
        self._whole = None  # (sentence span, its tokens without blanks and closing marks, their span)

    # -- helpers ---------------------------------------------------------
    def paragraph_of(self, pos: int) -> Span | None:
        for p in self.paragraphs:
            if p.start <= pos < p.end:
                return p
        return None

    def paragraph_index(self, pos: int) -> int:
        for i, p in enumerate(self.paragraphs):
            if pos < p.end:
                return i
        return len(self.paragraphs)

    def _gap_is(self, a: int, b: int, allowed: str = " \n\t,:;—-") -> bool:
        """text[a:b] is only ``allowed`` characters (read in place, without copying the gap)."""
        return a <= b and _run_of(allowed).match(self.text, a, b).end() == b

    def adjacent_quote(self, clause: Span) -> Quote | None:
        """A quotation right before (“...,” he said) or right after (told X, “...) a cue
        clause, in the same paragraph."""
        for q in self.quotes:
            if q.span.end <= clause.start and self._gap_is(q.span.end, clause.start) and "\n\n" not in self.text[q.span.end : clause.start]:
                if len(self.text[q.inner.start : q.inner.end].split()) < 3:
                    continue  # '... known as “technicals”, said X': a scare quote, not what X said
                return q
            if q.span.start >= clause.end and self._gap_is(clause.end, q.span.start) and "\n\n" not in self.text[clause.end : q.span.start]:
                return q
        return None

    def closes_sentence(self, q: Quote) -> bool:
        """A quotation whose words end a sentence (“... fire.”), not one
        running into its cue (“... fire,” he said)."""
        return self.text[q.inner.start : q.inner.end].rstrip().endswith((".", "!", "?"))

    def extend_to_quotes(self, content: Span) -> tuple[Span, bool]:
        """Content that runs into a quotation takes the whole quotation."""
        for q in self.quotes:
            if q.span.start >= content.start and q.span.start < content.end and q.span.end > content.end:
                return Span(content.start, q.span.end), True
        return content, False

    # -- rules -------------------------------------------------------------
    def run(self) -> list[Attribution]:
        """Every rule on every token, the first that fires wins. A parse no rule
        foresaw loses its sentence, not the article (NEWSFUSION_STRICT=1 raises)."""
        found: list[Attribution] = []
        rules = (self.verb_cue, self.noun_cue, self.noun_attribution, self.according_to, self.adjective_cue,
                 self.passive_agent, self.passive_hedge, self.hedge_adverb, self.author_hedge)
        for sent in self.sdoc.sents:
            s = Span(sent.start_char, sent.end_char)
            try:
                here = []
                for tok in sent:
                    for rule in rules:
                        a = rule(tok, sent, s)
                        if a is not None:
                            here.append(a)
                            break
            except Exception as e:  # noqa: BLE001 - one odd parse
                if settings().strict:
                    raise
                self.failures.append(f"claims: sentence at {s.start} skipped ({type(e).__name__}: {e})")
                continue
            found.extend(here)
        return found

    def verb_cue(self, tok, sent, s: Span) -> Attribution | None:
        if tok.pos_ != "VERB":
            return None
        lemma = tok.lemma_.lower()
        if lemma not in self.lex.verbs:
            return None
        if _is_passive(tok) or _negated(tok):
            return None
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in _STATEMENT_NOUNS and tok.head.head.lemma_.lower() in _RELEASE_VERBS:
            pass  # "Centcom released figures saying ...": the releaser says it
        elif tok.dep_ == "acl" and (tok.head.lemma_.lower() in self.lex.media_heads or tok.head.lower_ in self.lex.anonymous_heads or tok.head.lemma_.lower() in _STATEMENT_NOUNS) and tok.tag_ == "VBG":
            pass  # "with some outlets saying nine people had died", "confirmed witness reports saying ...": they say it
        elif tok.dep_ in ("amod", "compound") and _misparsed_finite(tok):
            return self._misparsed_cue(tok, lemma, s)
        elif tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN") and tok.sent.root.pos_ not in ("VERB", "AUX") and tok.i == tok.head.i + 1:
            pass  # "JUBA, July 12 – The opposition dismissed ...": a dateline left the parser no verb; the cue is it
        elif tok.dep_ in ("amod", "acl", "csubj"):
            return None
        if tok.dep_ == "xcomp" and (tok.head.lemma_.lower() in _NOT_SPEECH_HEADS or tok.head.pos_ in ("ADJ", "AUX") or tok.head.lemma_ == "be"):
            return None  # "plans to announce", "It is crucial to hold those responsible to account"
        if tok.dep_ == "advcl" and tok.head.lemma_.lower() in _NOT_SPEECH_HEADS and any(c.lower_ == "to" for c in _children(tok, "aux")):
            return None  # "refused to comment, preferring to say" ('began hours after X claimed' is a claim)
        if _free_relative(tok) or _future(tok):
            return None
        subj = _subject(tok)
        relative = None
        if (subj is not None and subj.lower_ in ("which", "who") and subj.dep_ == "nsubj" and tok.dep_ == "relcl"
                and tok.head.pos_ in ("NOUN", "PROPN") and subj.i > 0 and tok.doc[subj.i - 1].text == ","):
            # "the agency, which had earlier reported ...": the antecedent speaks
            # ("a man who said he spoke for the militia" only says which man)
            subj = tok.head
            relative = Span(_children(tok, "nsubj")[0].idx, _children(tok, "nsubj")[0].idx + len(_children(tok, "nsubj")[0]))
        if subj is None:
            subj = self._subject_after(tok)  # '"...," said in a statement Yacoub Tarno'
        if subj is None or subj.lower_ in ("which", "that", "who", "what", "whom") or subj.dep_ == "expl":
            return None
        if subj.lower_ == "it" and any(c.dep_ in ("acomp", "attr") for c in tok.children):
            return None
        if (lemma in _EVIDENTIAL_CUES and not _can_attest(subj) and tok.dep_ == "ccomp"
                and tok.head.lemma_.lower() in self.lex.verbs):
            return None  # "X said the arrests showed that ...": X's inference, not a claim of the arrests
        # the cue clause: subject, cue, its particles, direct objects and datives
        parts = [subj, tok] + _children(tok, "dobj", "dative", "prt", "advmod")
        clause = char_span(parts)
        head_span = source_phrase(subj)
        clause = Span(min(clause.start, head_span.start), max(clause.end, tok.idx + len(tok)))
        quote = self.adjacent_quote(Span(min(head_span.start, tok.idx), clause.end))
        if quote is not None and quote.span.end <= clause.start and self.closes_sentence(quote) and any(
                c.pos_ in ("NOUN", "PROPN") for c in _children(tok, "dobj")):
            quote = None  # '“... returned fire.” Both countries claim the territory': a new sentence with its own object
        if not _frame_ok(tok, lemma, quote is not None):
            return None
        content, how = self._content(tok, subj, sent, quote)
        if content is None:
            return None
        if how != "quote":
            content, into_quote = self.extend_to_quotes(content)
            how = "quote" if into_quote else how
        recipient = " ".join(c.text for c in _children(tok, "dobj", "dative") if lemma == "tell")
        own = [t for c in tok.children if c.dep_ not in ("ccomp", "xcomp", "parataxis", "advcl", "conj", "punct", "cc", "mark") for t in c.subtree]
        clause_sp = char_span(own + [tok]) if own else None
        return Attribution(
            cue=self._cue_span(tok),
            cue_lemma=lemma,
            content=content,
            sentence=s,
            source_head=subj.i,
            source_span=head_span,
            rule=f"verb:{how}",
            stance_hint=self.lex.verbs[lemma],
            quote=how == "quote",
            recipient=recipient,
            source_words=relative,
            extra={"clause": clause_sp} if clause_sp and not clause_sp.overlaps(content) else {},
        )

    def _subject_after(self, tok):
        """The speaker named after the cue when a clause or quotation comes
        before it ('..., said in a statement Yacoub Tarno')."""
        before = [c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i]
        if not before and not any(q.span.end <= tok.idx and self._gap_is(q.span.end, tok.idx) for q in self.quotes):
            return None
        for t in tok.doc[tok.i + 1 : min(tok.i + 8, tok.sent.end)]:
            if t.is_punct and t.text not in ("-",):
                break
            if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and t.dep_ in ("appos", "pobj", "nsubj", "dobj", "npadvmod"):
                return t
        return None

    def _misparsed_cue(self, tok, lemma: str, s: Span) -> Attribution | None:
        """See :func:`_misparsed_finite`: the subject of the verb before the
        conjunction speaks, the rest of its clause is the content."""
        verb = tok.doc[tok.i - 1].head
        subj = _subject(verb)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None
        rest = [t for t in tok.doc[tok.i + 1 : tok.sent.end] if not t.is_space]
        while rest and rest[-1].is_punct:
            rest.pop()
        if len(rest) < 3:
            return None
        return Attribution(
            cue=self._cue_span(tok), cue_lemma=lemma, content=char_span(rest), sentence=s,
            source_head=subj.i, source_span=source_phrase(subj), rule="verb:misparsed",
            stance_hint=self.lex.verbs[lemma],
        )

    def _cue_span(self, tok) -> Span:
        if _quoted_as(tok) is not None:
            q = tok.head.head
            return Span(min(q.idx, tok.idx), max(q.idx + len(q), tok.idx + len(tok)))  # "quoted ... as saying"
        toks = [tok] + _children(tok, "prt")
        if tok.lemma_.lower() in ("claim", "declare"):
            toks += [c for c in _children(tok, "dobj") if c.lemma_.lower() in ("responsibility", "allegiance", "credit")]
        if tok.lemma_.lower() in ("release", "issue"):
            toks += _children(tok, "dobj")
        toks = sorted(toks, key=lambda t: t.i)
        if len(toks) > 1 and toks[-1].i - toks[0].i > 3:
            toks = [tok]
        return char_span(toks)

    def _content(self, tok, subj, sent, quote: Quote | None) -> tuple[Span | None, str]:
        lemma = tok.lemma_.lower()
        if tok.dep_ == "relcl" and any(c.lower_ in ("which", "that") and c.dep_ == "dobj" for c in tok.children):
            # "the group is backed by Rwanda, which Rwanda denies": the clause before
            host = [t for t in tok.sent if t.i <= tok.head.i and not t.is_punct]
            if host:
                return char_span(host), "relative"
        ccomp = _children(tok, "ccomp")
        if ccomp:
            c = ccomp[0]
            sp = subtree_span(c)
            if tok.dep_ in ("advcl", "conj") and c.i > tok.i:
                for sib in tok.head.children:
                    if sib.dep_ == "conj" and sib.i > tok.i and any(m.lower_ == "that" for m in sib.children if m.dep_ == "mark"):
                        sp = Span(sp.start, max(sp.end, subtree_span(sib).end))
            if quote is not None and quote.span.overlaps(sp):
                return Span(min(sp.start, quote.span.start), max(sp.end, quote.span.end)), "quote"
            return sp, "ccomp_before" if c.i < tok.i else "ccomp"
        that = _that_clause_in_prep(tok)
        if that is not None:
            # "said in a statement (published on Monday) that ...": the parser hung the clause on the noun
            if quote is not None and quote.span.overlaps(that):
                return Span(that.start, max(that.end, quote.span.end)), "quote"
            return that, "ccomp"
        if _inverted(tok, lemma):
            # "Troops killed 13 civilians, local sources told AFP": the clause before, as content
            inner = set(tok.subtree)
            host = [t for t in tok.head.subtree if t not in inner and t.i < tok.left_edge.i and not t.is_space]
            while host and host[-1].is_punct:
                host.pop()
            if host:
                return char_span(host), "ccomp_before"
        if tok.dep_ == "parataxis" and tok.head != tok:
            # "Hamas, they say, seems to ...": the host clause around the cue
            inner = set(tok.subtree)
            host = [t for t in tok.head.subtree if t not in inner and not t.is_space]
            while host and host[-1].is_punct and host[-1].text not in "”\"":
                host.pop()
            if host:
                return char_span(host), "parataxis"
        if _as_clause(tok):
            # "As the governor said, the town fell ...": the clause the cue modifies
            inner = set(tok.subtree)
            host = [t for t in tok.head.subtree if t not in inner and not t.is_space]
            while host and host[0].is_punct:
                host.pop(0)
            while host and host[-1].is_punct and host[-1].text not in "”\"":
                host.pop()
            if host:
                return char_span(host), "parataxis"
        if quote is not None:
            return quote.span, "quote"
        objs = _children(tok, "dobj")
        preps = [c for c in _children(tok, "prep", "dative", "prt") if c.lower_ in ("of", "about", "as", "at", "for", "on", "to") and c.i > tok.i]
        if lemma in ("tell", "inform", "warn", "complain") and preps:
            return subtree_span(preps[0]), "prep"
        if objs or (preps and lemma in ("call", "blame", "dismiss", "reject", "describe", "brand", "label")):
            pieces = objs + preps
            first = min(pieces, key=lambda t: t.i)
            side = set()
            for c in tok.children:
                own_claim = c.lemma_.lower() in self.lex.verbs or any(x.dep_ == "nsubj" for x in c.children)
                if c.dep_ in ("advcl", "parataxis", "npadvmod") or (c.dep_ == "conj" and own_claim):
                    side.update(c.subtree)  # "..., adding that ...": another claim
            cutoff = min((t.i for t in side if t.i > first.i), default=len(tok.doc))
            for t in tok.subtree:  # "..., with some outlets saying ...": a claim of its own inside
                if t.i > first.i and t.pos_ == "VERB" and t.lemma_.lower() in self.lex.verbs and t.dep_ in ("acl", "advcl", "conj", "relcl"):
                    cutoff = min(cutoff, t.left_edge.i if t.left_edge.i > first.i else t.i)
            tail = [t for t in tok.subtree if first.i < t.i < cutoff and not t.is_punct and t not in side]
            last_end = max([subtree_span(p).end for p in pieces] + [t.idx + len(t) for t in tail if t.sent == tok.sent])
            sp = Span(subtree_span(first).start, last_end)
            if lemma in ("tell", "inform") and not preps:
                return None, ""
            return sp, "object"
        xcomp = _children(tok, "xcomp")
        if xcomp and (lemma in _INFINITIVE_CUES or xcomp[0].tag_ == "VBG"):
            return subtree_span(xcomp[0]), "xcomp"  # "denied using tear gas", "claiming to have downed"
        return None, ""

    def according_to(self, tok, sent, s: Span) -> Attribution | None:
        if tok.lower_ != "according":
            return None
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is None or nxt.lower_ != "to":
            return None
        pobj = [c for c in nxt.children if c.dep_ == "pobj"] or [c for c in nxt.subtree if c.dep_ == "pobj"]
        cue = Span(tok.idx, nxt.idx + len(nxt))
        if pobj and pobj[0].lower_ == "which":
            # "a report ... according to which X": the source is the noun before
            antecedent = self._noun_before(tok)
            rest = [t for t in sent if t.i > pobj[0].i and not t.is_space]
            if antecedent is None or not rest:
                return None
            content = char_span(rest)
            return Attribution(cue, "according", content, s, antecedent.i, source_phrase(antecedent), "according:which", "assert")
        src_tokens = [t for t in nxt.subtree if t.i > nxt.i] if not pobj else list(pobj[0].subtree)
        if not src_tokens:
            return None
        head = pobj[0] if pobj else src_tokens[0]
        if not self._source_like(head) or not self._set_off(tok, src_tokens, sent):
            return None
        src_end = max(t.i for t in src_tokens)
        comma = next((t.i for t in sent if head.i < t.i <= src_end and t.text == ","), None)
        if comma is not None:  # "according to workers who asked not to be named, X ...": the source ends at the comma
            src_end = comma - 1
            src_tokens = [t for t in src_tokens if t.i <= src_end]
        before = [t for t in sent if t.i < tok.i and not t.is_punct and not t.is_space]
        after = [t for t in sent if t.i > src_end and not t.is_punct and not t.is_space]
        side = after if len(after) >= len(before) else before
        if not side:
            return None
        content = char_span(side)
        return Attribution(cue, "according", content, s, head.i, source_phrase(head), "according", "assert")

    _SOURCE_NOUNS = {"poll", "polls", "findings", "investigation", "probe", "inquiry", "research", "images", "imagery", "photos", "photographs", "videos", "recordings", "monitor", "monitors", "tracker", "database", "statement", "data", "figure", "figures", "estimate", "estimates", "tally", "count", "toll", "census", "survey", "study", "account", "accounts", "report", "reports", "testimony", "record", "records", "document", "documents", "analysis", "assessment", "information", "intelligence", "reporting", "footage", "video", "post", "message"}

    def _source_like(self, head) -> bool:
        """'according to Shariah' (a rule) is manner, not attribution; 'according to officials' is."""
        lemma, low = head.lemma_.lower(), head.lower_
        lex = self.lex
        if head.pos_ == "PRON" or lemma in lex.anonymous_heads or low in lex.anonymous_heads:
            return True
        if lemma in lex.media_heads or low in lex.media_heads or lemma in lex.org_heads or lemma in self._SOURCE_NOUNS or low in self._SOURCE_NOUNS:
            return True  # ("media" has the lemma "medium")
        # a name ("according to the ministry's Tarik Osmani", whatever the recogniser made of it), not a code or a book
        return head.pos_ == "PROPN" and head.ent_type_ not in ("LAW", "WORK_OF_ART", "DATE", "TIME", "EVENT", "LANGUAGE")

    @staticmethod
    def _set_off(tok, src_tokens, sent) -> bool:
        """Attribution 'according to X' opens the sentence or is set off by commas;
        'govern according to the law' is manner."""
        before = tok.doc[tok.i - 1] if tok.i > sent.start else None
        last = max(t.i for t in src_tokens)
        after = tok.doc[last + 1] if last + 1 < sent.end else None
        if before is None or before.is_punct or before.lower_ in ("and", "but"):
            return True
        return after is None or after.is_punct

    def noun_cue(self, tok, sent, s: Span) -> Attribution | None:
        """'X released a statement that ...', 'X issued a statement saying ...'."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.lex.nouns or tok.dep_ != "dobj":
            return None
        verb = tok.head
        if verb.lemma_.lower() not in ("release", "issue", "publish", "send", "post", "make", "put", "circulate", "give"):
            return None
        subj = _subject(verb)
        if subj is None or subj.lower_ in ("which", "that", "who"):
            return None
        comp = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")]
        comp += [c for c in verb.children if c.dep_ == "ccomp"]
        quote = self.adjacent_quote(char_span([verb, tok]))
        if comp:
            content = subtree_span(comp[0])
        elif quote is not None:
            content = quote.span
        else:
            return None
        cue = char_span([verb, tok]) if tok.i - verb.i <= 3 else char_span([verb])
        return Attribution(cue, verb.lemma_.lower(), content, s, subj.i, source_phrase(subj), "noun", "assert", quote=quote is not None and not comp)

    def noun_attribution(self, tok, sent, s: Span) -> Attribution | None:
        """A statement named by a noun, with its speaker and what it says:
        "the president's declaration that ...", "a claim by local officials that
        ...", "reports from officials that ...", "the coalition's announcement
        of killing 95 fighters"; and a report or claim that a cue answers
        ("denied media reports of civilian casualties")."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in _CONTENT_NOUNS:
            return None
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _RELEASE_VERBS:
            return None  # "released a statement that ...": noun_cue
        that = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl", "appos") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        of = [p for p in _children(tok, "prep") if p.lower_ == "of" and any(c.dep_ in ("pcomp", "pobj") for c in p.children)]
        src = None
        poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
        by = [p2 for p in _children(tok, "prep") if p.lower_ in ("by", "from") for p2 in p.children if p2.dep_ == "pobj"]
        if poss:
            src = poss[0]
        elif by:
            src = by[0]
        if that:
            content = Span(min(m.idx for m in that[0].children if m.dep_ == "mark"), subtree_span(that[0]).end)
        elif of and (src is not None or self._answered(tok)):
            gerund = any(c.dep_ == "pcomp" for c in of[0].children)
            if src is not None and not gerund:
                return None  # "the army's report of the incident" says nothing itself
            content = subtree_span(of[0])
            if self._answered(tok):
                # "denied reports of deaths | in the operation": the parser hangs the rest on the verb
                nxt = [p for p in _children(tok.head, "prep") if p.i == tok.right_edge.i + 1]
                if nxt:
                    content = Span(content.start, subtree_span(nxt[0]).end)
        else:
            return None
        if src is None:
            if not self._answered(tok):
                return None
            src = tok  # "denied media reports of civilian casualties": the reports speak
        sp = source_phrase(src) if src.i != tok.i else _description_span(tok)
        if src.dep_ == "poss":
            sp = subtree_span(src, exclude=[c for c in src.children if c.dep_ == "case"])  # "the governor's" -> "the governor"
        return Attribution(char_span([tok]), lemma, content, s, src.i, sp, "noun:content", "assert",
                           extra={"own_words": True})

    def _answered(self, tok) -> bool:
        """A report or claim another speaker denies, confirms or dismisses."""
        return tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.lex.verbs and tok.head.lemma_.lower() not in _RELEASE_VERBS

    def _noun_before(self, tok):
        for t in reversed(list(tok.doc[max(0, tok.i - 12) : tok.i])):
            if t.pos_ in ("NOUN", "PROPN"):
                # climb to the head of the noun phrase
                head = t
                while head.dep_ in ("compound", "amod", "appos", "flat", "pobj") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < tok.i:
                    head = head.head
                return head
        return None

    def adjective_cue(self, tok, sent, s: Span) -> Attribution | None:
        lemma = tok.lower_
        if lemma not in self.lex.adjective_cues or tok.dep_ != "acomp":
            return None
        ccomp = _children(tok, "ccomp") or _children(tok.head, "ccomp")
        if not ccomp:
            return None
        subj = _children(tok.head, "nsubj")
        if not subj:
            return None
        cue = Span(tok.head.idx, tok.idx + len(tok)) if tok.head.i < tok.i else char_span([tok])
        return Attribution(cue, lemma, subtree_span(ccomp[0]), s, subj[0].i, source_phrase(subj[0]), "adjective", "assert")

    def hedge_adverb(self, tok, sent, s: Span) -> Attribution | None:
        """'The leader reportedly fled': the author relays an unnamed report, hedged."""
        if tok.lower_ not in self.lex.hedge_adverbs or tok.dep_ != "advmod" or tok.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = tok.head
        toks = [t for t in verb.subtree if not t.is_space]
        while toks and toks[-1].is_punct:
            toks.pop()
        return Attribution(char_span([tok]), tok.lower_, char_span(toks), s, None, None, "hedge_adverb", "hedge", hedge=True)

    def author_hedge(self, tok, sent, s: Span) -> Attribution | None:
        """The article's own doubt: "it was not clear whether ...", "it is
        unclear how many ...", "the alleged drone strikes", "a purported audio
        message", "the suspected Turkish air strike", "could not be
        independently verified", "Reuters could not confirm ...", "if confirmed"."""
        low = tok.lower_
        if self._whole is None or (self._whole[0] is not s and self._whole[0] != s):  # once per sentence, not per token
            whole = [t for t in sent if not t.is_space]
            while whole and whole[-1].is_punct:
                whole.pop()
            self._whole = (s, whole, char_span(whole) if whole else None)
        _, whole, sentence = self._whole
        if not whole:
            return None

        def hedge(cue_toks, content=sentence, lemma=None):
            own = content != sentence  # a clause of its own: its words are the evidence, not the sentence
            return Attribution(char_span(cue_toks), lemma or low, content, s, None, None, "author_hedge", "hedge", hedge=True,
                               extra={"own_words": True} if own else {})

        # "it is unclear how many ...", "it was not (immediately) clear whether/if ...", "it is not known"
        if low in ("unclear", "clear", "known", "certain") and tok.dep_ in ("acomp", "attr", "ROOT", "ccomp", "conj") or (low == "known" and tok.tag_ == "VBN"):
            be = tok.head if tok.dep_ != "ROOT" else tok
            subj = [c for c in be.children if c.dep_ in ("nsubj", "expl", "nsubjpass") and c.lower_ == "it"]
            subj += [c for c in tok.children if c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it"]
            negated = _negated(tok) or _negated(be)
            if subj and (low == "unclear" or negated):
                return hedge([subj[0], tok])
            return None
        # "the alleged drone strikes", "a purported audio message", "the suspected air strike"
        if low in _HEDGE_ADJECTIVES and tok.dep_ == "amod" and tok.head.lemma_.lower() in _EVENT_OR_STATEMENT_NOUNS:
            return hedge([tok], _clause_of(tok.head))
        # "could not be (independently) verified/confirmed": nobody vouches for it
        if tok.lemma_.lower() in ("verify", "confirm", "corroborate") and _is_passive(tok) and _negated(tok):
            return hedge([c for c in tok.children if c.dep_ in ("aux", "neg", "auxpass")] + [tok], _clause_of(tok), lemma=tok.lemma_.lower())
        # "Reuters could not independently verify the footage": the outlet's own doubt
        if tok.lemma_.lower() in ("verify", "confirm", "corroborate") and _negated(tok) and not _is_passive(tok):
            subj = _subject(tok)
            if subj is not None and (subj.lower_ == "we" or self._is_outlet(subj)):
                return hedge([c for c in tok.children if c.dep_ in ("aux", "neg")] + [tok], lemma=tok.lemma_.lower())
        # "..., if confirmed, would be the deadliest": the author's condition
        if low in ("confirmed", "true", "verified", "accurate") and any(c.lower_ == "if" and c.dep_ == "mark" for c in tok.children):
            mark = next(c for c in tok.children if c.lower_ == "if")
            return hedge([mark, tok])
        return None

    def _is_outlet(self, tok) -> bool:
        """A news organisation named as subject ('Reuters', 'the BBC', 'AFP')."""
        return tok.pos_ == "PROPN" and tok.ent_type_ == "ORG" and tok.text in _WIRE_NAMES or tok.lemma_.lower() in ("newspaper", "outlet")

    def passive_agent(self, tok, sent, s: Span) -> Attribution | None:
        """'an allegation denied by the army', 'the attack was claimed by X': the agent speaks."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in self.lex.passive_agent_cues:
            return None
        if _negated(tok):
            return None  # "could not be verified by independent monitors": the author's doubt (author_hedge)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is None:
            return None
        if tok.dep_ in ("acl", "relcl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            content = subtree_span(tok.head, exclude=[tok])
        else:
            subj = _children(tok, "nsubjpass")
            if not subj:
                return None
            content = subtree_span(subj[0])
        return Attribution(char_span([tok]), lemma, content, s, pobj.i, source_phrase(pobj), "passive_agent", self.lex.verbs.get(lemma, "assert"))

    def passive_hedge(self, tok, sent, s: Span) -> Attribution | None:
        """'X are believed to be ...': the author hedges; 'X is reported to' the same."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in self.lex.passive_hedges or not _is_passive(tok):
            return None
        comp = _children(tok, "xcomp", "ccomp")
        subj = _children(tok, "nsubjpass")
        if lemma in self.lex.passive_blame and not comp:
            # "attacks have been blamed on the group", "fighters have been linked with abuses", "are accused of"
            comp = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "to", "with", "of")]
            if any(c.dep_ == "agent" for c in tok.children):
                return None
        if not comp or not subj:
            return None
        aux = [c for c in tok.children if c.dep_ == "auxpass"]
        cue = char_span(aux + [tok]) if aux and aux[0].i == tok.i - 1 else char_span([tok])
        content = char_span(list(subj[0].subtree) + list(comp[0].subtree))
        agent = [c for c in tok.children if c.dep_ == "agent"]
        src = None
        if agent:
            pob = [c for c in agent[0].children if c.dep_ == "pobj"]
            src = pob[0] if pob else None
        return Attribution(
            cue, lemma, content, s,
            src.i if src is not None else None,
            source_phrase(src) if src is not None else None,
            "passive_hedge", "hedge", hedge=True,
        )


def _phrase_without(tok, drop) -> Span:
    """``tok``'s source phrase without the subtrees of ``drop`` and the
    conjunctions and commas next to them."""
    gone = set()
    for d in drop:
        gone.update(t.i for t in d.subtree)
    toks = [t for t in tok.subtree if t.i not in gone]
    full = source_phrase(tok)
    toks = [t for t in toks if full.start <= t.idx < full.end]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    toks = [t for t in toks if not (t.dep_ == "cc" and t.head is tok)]
    return char_span(toks or [tok])


def _one_person_twice(tok, conj) -> bool:
    """'the former minister and current party leader said': two descriptions
    of one speaker (one determiner, singular common nouns, no organisation);
    'China, its only ally and lifeline, said': an apposition listed."""
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "," and len(conj) == 1:
        return True
    heads = [tok] + list(conj)
    if all(h.pos_ == "NOUN" and h.tag_ == "NN" for h in heads) and not any(c.dep_ == "det" for c in conj[0].children):
        return not any(h.lemma_.lower() in lexicon().org_heads for h in heads)
    return False


def one_per_source(atts: list[Attribution], sdoc) -> list[Attribution]:
    """One attribution per speaker: "the army and police said" is two claims,
    "local officials, including legislator X, said" two, "security and
    medical officials said" two ("security officials", "medical officials")."""
    out = []
    for a in atts:
        if a.source_head is None:
            out.append(a)
            continue
        tok = sdoc[a.source_head]
        conj = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
        conj += [c2 for c in conj for c2 in c.conjuncts if c2.i > c.i and c2.pos_ in ("NOUN", "PROPN") and c2 not in conj]
        if conj and _one_person_twice(tok, conj):
            conj = []
        incl = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("including", "among") for p in c.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")]
        mods = [m for m in tok.children if m.dep_ in ("amod", "compound", "nmod") and m.i < tok.i and any(c.dep_ == "conj" for c in m.children)]
        if not conj and not incl and not mods:
            out.append(a)
            continue
        whole = a.source_span
        first = replace(a, source_span=_phrase_without(tok, conj + [c.head for c in incl]), source_words=whole, extra=dict(a.extra))
        if mods:
            m = mods[0]
            words = [m] + [c for c in m.conjuncts]
            head_words = [t for t in tok.subtree if t.i > max(w.i for w in words) and t.i <= tok.i]
            tail = " ".join(t.text for t in head_words)
            for w in sorted(words, key=lambda t: t.i):
                out.append(replace(a, source_text=f"{w.text} {tail}", source_words=whole, extra=dict(a.extra)))
        else:
            out.append(first)
        for c in conj + incl:
            out.append(replace(a, source_head=c.i, source_span=source_phrase(c) if c.dep_ != "conj" else _phrase_without(c, [x for x in c.children if x.dep_ == "conj"]), source_words=whole, extra=dict(a.extra)))
    return out
