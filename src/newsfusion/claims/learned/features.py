"""Feature templates of the attribution model, over spaCy's parse.

Two kinds of instances:

- **cue**: one per token of the article, labelled ``B``/``I``/``O`` (the
  token begins or continues an attribution cue, or is outside any);
- **role**: one per token near a cue (the cue's paragraph, a few sentences
  either side), labelled ``S`` (part of that cue's source), ``C`` (part of its
  content) or ``O``.

The role templates describe where the token sits relative to the cue: in
which dependent's subtree of which cue word (``D:ccomp/mark``), or by the
path up from the cue to their common ancestor and down to the token
(``U1:advcl|nsubj``), the side and distance, the sentence offset, and the
direct quotation the token is in (and how far that quotation is from the cue).
Every template always gives one slot (``None`` when it does not apply), so an
instance is a fixed-length list of strings (see ``linear.py``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..quotes import find_quotes, paragraphs

MAX_SENT_OFFSET = 8  # role instances: sentences either side of the cue's


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4-5"
    if n <= 10:
        return "6-10"
    if n <= 20:
        return "11-20"
    return ">20"


@dataclass
class Cue:
    """A cue as token indices (sorted), with its syntactic head."""

    tokens: list[int]
    head: int
    lemma: str


class Table:
    """Per-token attributes of one parsed article, read once from spaCy."""

    def __init__(self, sdoc, text: str | None = None):
        self.sdoc = sdoc
        text = sdoc.text if text is None else text
        n = len(sdoc)
        self.n = n
        self.lower = [t.lower_ for t in sdoc]
        self.lemma = [t.lemma_.lower() for t in sdoc]
        self.pos = [t.pos_ for t in sdoc]
        self.tag = [t.tag_ for t in sdoc]
        self.dep = [t.dep_ for t in sdoc]
        self.ent = [t.ent_type_ or "-" for t in sdoc]
        self.head = [t.head.i for t in sdoc]
        self.space = [t.is_space for t in sdoc]
        self.punct = [t.is_punct for t in sdoc]
        self.idx = [t.idx for t in sdoc]
        self.end = [t.idx + len(t) for t in sdoc]
        self.shape = [("X" if t.is_title else "x" if t.is_lower else "d" if t.like_num else "p" if t.is_punct else "o") for t in sdoc]
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.kids[h].append(i)
        self.kid_deps = ["+".join(sorted({self.dep[c] for c in ks if not self.punct[c]})) or "-" for ks in self.kids]
        self.sent = [0] * n
        self.sent_start: list[int] = []
        self.sent_end: list[int] = []
        for k, s in enumerate(sdoc.sents):
            self.sent_start.append(s.start)
            self.sent_end.append(s.end)
            for i in range(s.start, s.end):
                self.sent[i] = k
        paras = paragraphs(text)
        starts = [p.start for p in paras]
        self.para = [bisect_right(starts, self.idx[i]) for i in range(n)]
        # direct quotations: token ranges [first, last]
        self.quote = [-1] * n
        self.quotes: list[tuple[int, int]] = []
        for q in find_quotes(text):
            a = bisect_right(self.idx, q.span.start - 1)
            b = bisect_right(self.idx, q.span.end - 1) - 1
            if b < a:
                continue
            for i in range(a, b + 1):
                self.quote[i] = len(self.quotes)
            self.quotes.append((a, b))

    # -- cues ----------------------------------------------------------------
    def cue_features(self, i: int) -> list[str | None]:
        L, P, W, D = self.lemma, self.pos, self.lower, self.dep
        n = self.n
        p1 = i - 1 if i > 0 else None
        n1 = i + 1 if i + 1 < n else None
        p2 = i - 2 if i > 1 else None
        n2 = i + 2 if i + 2 < n else None
        h = self.head[i]
        lem = L[i]
        kd = self.kid_deps[i]
        has = set(kd.split("+"))
        q = self.quote[i]
        near_q = "in" if q >= 0 else ("near" if any(self.quote[j] >= 0 for j in range(max(0, i - 3), min(n, i + 4))) else "far")
        return [
            "bias",
            "w=" + W[i],
            "l=" + lem,
            "p=" + P[i],
            "t=" + self.tag[i],
            "d=" + D[i],
            "e=" + self.ent[i],
            "s=" + self.shape[i],
            "l|p=" + lem + "|" + P[i],
            "l|d=" + lem + "|" + D[i],
            "l|kids=" + lem + "|" + kd,
            "p|kids=" + P[i] + "|" + kd,
            "l|ccomp=" + lem + "|" + str("ccomp" in has),
            "l|nsubj=" + lem + "|" + str("nsubj" in has),
            "l|dobj=" + lem + "|" + str("dobj" in has),
            "l|q=" + lem + "|" + near_q,
            "q=" + near_q,
            "hl=" + L[h],
            "hp|d=" + P[h] + "|" + D[i],
            "l|hl=" + lem + "|" + L[h],
            None if p1 is None else "l-1=" + L[p1],
            None if n1 is None else "l+1=" + L[n1],
            None if p1 is None else "p-1=" + P[p1],
            None if n1 is None else "p+1=" + P[n1],
            None if p1 is None else "l-1|l=" + L[p1] + "|" + lem,
            None if n1 is None else "l|l+1=" + lem + "|" + L[n1],
            None if p2 is None else "l-2=" + L[p2],
            None if n2 is None else "l+2=" + L[n2],
            None if p1 is None else "l-1|d=" + L[p1] + "|" + D[i],
            None if n1 is None else "d+1|l=" + D[n1] + "|" + lem,
            None if n1 is None else "hd+1=" + ("h" if self.head[n1] == i else "c" if h == n1 else "-") + "|" + P[i] + "|" + P[n1],
            None if p1 is None else "hd-1=" + ("h" if self.head[p1] == i else "c" if h == p1 else "-") + "|" + P[i] + "|" + P[p1],
            "hl|d|l=" + L[h] + "|" + D[i] + "|" + lem if P[i] in ("ADP", "PART", "AUX", "ADV", "PUNCT") else None,
        ] + self._cue_context(i)

    def _cue_context(self, i: int) -> list[str | None]:
        """Who could be speaking and what could be said: the word's subject, object,
        complement and particles, and its place in the sentence."""
        L, P, D, E = self.lemma, self.pos, self.dep, self.ent
        lem = L[i]
        kids = self.kids[i]
        subj = next((c for c in kids if D[c] in ("nsubj", "nsubjpass")), None)
        obj = next((c for c in kids if D[c] == "dobj"), None)
        preps = "+".join(sorted({L[c] for c in kids if D[c] in ("prep", "prt", "agent")})) or "-"
        comp = "+".join(sorted({D[c] for c in kids if D[c] in ("ccomp", "xcomp", "advcl", "parataxis")})) or "-"
        auxes = "+".join(L[c] for c in kids if D[c] in ("aux", "auxpass", "neg")) or "-"
        s0 = self.sent_start[self.sent[i]]
        s1 = self.sent_end[self.sent[i]]
        rel = (i - s0) / max(1, s1 - s0)
        where = "first" if i == s0 else "early" if rel < 0.34 else "mid" if rel < 0.67 else "late"
        sub = "-" if subj is None else P[subj] + ":" + E[subj]
        return [
            "l|subj=" + lem + "|" + sub,
            "subj=" + sub + "|" + P[i],
            None if subj is None else "subjl=" + L[subj] + "|" + P[i],
            None if obj is None else "l|objl=" + lem + "|" + L[obj],
            None if obj is None else "objl=" + L[obj],
            "l|preps=" + lem + "|" + preps,
            "l|comp=" + lem + "|" + comp,
            "p|comp|subj=" + P[i] + "|" + comp + "|" + ("-" if subj is None else P[subj]),
            "l|aux=" + lem + "|" + auxes,
            "l|t=" + lem + "|" + self.tag[i],
            "where|p=" + where + "|" + P[i],
            "l|where=" + lem + "|" + where,
            "d|hd=" + D[i] + "|" + D[self.head[i]] + "|" + P[i],
        ]

    def cue_head(self, toks: list[int]) -> int:
        """The cue word whose head lies outside the cue (the first such, else the first verb)."""
        s = set(toks)
        for i in toks:
            if self.head[i] not in s or self.head[i] == i:
                if self.pos[i] in ("VERB", "NOUN", "ADJ") or len(toks) == 1:
                    return i
        verbs = [i for i in toks if self.pos[i] == "VERB"]
        return verbs[0] if verbs else toks[0]

    def make_cue(self, toks: list[int]) -> Cue:
        h = self.cue_head(toks)
        # the speaker is never part of the cue ("IS said" read as one phrase)
        toks = sorted(toks)
        while len(toks) > 1 and toks[0] != h and self.dep[toks[0]] in ("nsubj", "nsubjpass") and self.head[toks[0]] == h:
            toks = toks[1:]
        return Cue(sorted(toks), h, "+".join(self.lemma[i] for i in sorted(toks) if not self.punct[i])[:40])

    # -- roles ---------------------------------------------------------------
    def window(self, cue: Cue) -> list[int]:
        """Tokens a cue's source or content may take: its paragraph, a few sentences either side."""
        k = self.sent[cue.head]
        lo = self.sent_start[max(0, k - MAX_SENT_OFFSET)]
        hi = self.sent_end[min(len(self.sent_start) - 1, k + MAX_SENT_OFFSET)]
        p = self.para[cue.head]
        inside = set(cue.tokens)
        return [i for i in range(lo, hi) if self.para[i] == p and not self.space[i] and i not in inside]

    def _chain(self, i: int) -> list[int]:
        out = [i]
        while self.head[out[-1]] != out[-1] and len(out) < 40:
            out.append(self.head[out[-1]])
        return out

    def path(self, cue: Cue, i: int, cue_set: set[int], hc: list[int], head_chain: dict[int, int]) -> str:
        """Where token ``i`` sits relative to the cue, through the parse."""
        chain = self._chain(i)
        for k, a in enumerate(chain):
            if a in cue_set:
                if k == 0:
                    return "IN"
                below = chain[k - 1]
                tail = ("/" + self.dep[chain[k - 2]]) if k >= 2 else "="
                return "D" + ("h" if a == cue.head else "c") + ":" + self.dep[below] + tail
        for k, a in enumerate(chain):
            if a in head_chain:
                up = head_chain[a]
                h_side = self.dep[hc[up - 1]] if up >= 1 else "="
                t_side = self.dep[chain[k - 1]] if k >= 1 else "="
                return "U" + str(min(up, 3)) + ":" + h_side + "|" + t_side
        return "X"

    def role_instances(self, cue: Cue) -> tuple[list[int], list[list[str | None]]]:
        toks = self.window(cue)
        cue_set = set(cue.tokens)
        hc = self._chain(cue.head)
        head_chain = {a: k for k, a in enumerate(hc)}
        first, last = cue.tokens[0], cue.tokens[-1]
        ks = self.sent[cue.head]
        lem = cue.lemma
        cdep = self.dep[cue.head]
        cpos = self.pos[cue.head]
        # the quotations next to the cue, and how far each is
        qgap: dict[int, str] = {}
        for qi, (a, b) in enumerate(self.quotes):
            if a <= first and b >= last:
                qgap[qi] = "around"
            elif b < first:
                gap = sum(1 for j in range(b + 1, first) if not self.punct[j] and not self.space[j])
                qgap[qi] = "before" + _bucket(gap)
            else:
                gap = sum(1 for j in range(last + 1, a) if not self.punct[j] and not self.space[j])
                qgap[qi] = "after" + _bucket(gap)
        feats = []
        L, P, W, D = self.lemma, self.pos, self.lower, self.dep
        for i in toks:
            side = "L" if i < first else "R"
            dist = _bucket(first - i if i < first else i - last)
            so = self.sent[i] - ks
            so_s = str(max(-3, min(3, so)))
            path = self.path(cue, i, cue_set, hc, head_chain)
            q = self.quote[i]
            qs = "q:" + qgap[q] if q >= 0 else "q:-"
            p1 = i - 1
            n1 = i + 1
            feats.append([
                "bias",
                "path=" + path,
                "path|side=" + path + "|" + side,
                "path|p=" + path + "|" + P[i],
                "path|lem=" + path + "|" + lem,
                "path|cdep=" + path + "|" + cdep,
                "path|q=" + path + "|" + qs,
                "side|dist=" + side + dist,
                "side|dist|p=" + side + dist + "|" + P[i],
                "so=" + so_s,
                "so|q=" + so_s + "|" + qs,
                "so|side|lem=" + so_s + side + "|" + lem,
                "q=" + qs,
                "q|side|lem=" + qs + side + "|" + lem,
                "w=" + W[i],
                "l|side=" + L[i] + side,
                "p|side=" + P[i] + side,
                "d|side|so=" + D[i] + side + so_s,
                "e|path=" + self.ent[i] + "|" + path,
                "lem|side|p=" + lem + side + "|" + P[i],
                "cpos|path=" + cpos + "|" + path,
                "w-1|side=" + (W[p1] if p1 >= 0 else "<s>") + side + so_s,
                "w+1|side=" + (W[n1] if n1 < self.n else "</s>") + side + so_s,
                "first=" + str(i == self.sent_start[self.sent[i]]) + side + so_s,
                "punct|path=" + path + "|" + W[i] if self.punct[i] else None,
            ])
        return toks, feats
