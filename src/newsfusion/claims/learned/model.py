"""The attribution model: a cue tagger and a role tagger, and how they are read.

``AttributionModel.predict(table)`` returns the attributions of one parsed
article as token positions: for every cue found, its source (possibly none)
and its content (possibly in several pieces, when the cue interrupts it).
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import asdict, dataclass, field

import numpy as np

from .decode import CUE_LABELS, ROLE_LABELS, best_run, bio_spans, log_odds
from .features import Cue, Table
from .linear import Linear, hash_features


@dataclass
class Found:
    cue: Cue
    source: list[int] = field(default_factory=list)
    content: list[int] = field(default_factory=list)
    cue_p: float = 0.0
    source_score: float = 0.0
    content_score: float = 0.0


@dataclass
class Params:
    """Decoding settings, tuned on PolNeAR dev (``train.py``)."""

    cue_bias: float = 0.0  # subtracted from every token's log probability of O (more cues when > 0)
    source_bias: float = 0.0  # added to every token's log odds of S
    content_bias: float = 0.0
    cut_bias: float = 0.0  # content tokens next to the cue/source are cut below this log odds


FORMAT = 2  # the artefact layout (2: int8 weights, a row bitmap); a model built for another layout is refused


class AttributionModel:
    def __init__(self, cue: Linear, role: Linear, params: Params | None = None, meta: dict | None = None):
        assert cue.labels == CUE_LABELS and role.labels == ROLE_LABELS
        self.cue = cue
        self.role = role
        self.params = params or Params()
        self.meta = meta or {}

    # -- storage ---------------------------------------------------------
    def to_bytes(self) -> bytes:
        """One zip: the two linear models, the decoding settings and what the model was built from."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            for name, data in (("cue.npz", self.cue.to_bytes()), ("role.npz", self.role.to_bytes())):
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                z.writestr(info, data)
            meta = dict(self.meta, format=FORMAT, params=asdict(self.params))
            info = zipfile.ZipInfo("meta.json", date_time=(2020, 1, 1, 0, 0, 0))
            z.writestr(info, json.dumps(meta, indent=1, sort_keys=True))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "AttributionModel":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            meta = json.loads(z.read("meta.json"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"attribution model format {meta.get('format')!r}, this newsfusion reads {FORMAT}")
            known = {f for f in Params.__dataclass_fields__}
            params = Params(**{k: v for k, v in meta.get("params", {}).items() if k in known})
            return cls(Linear.from_bytes(z.read("cue.npz")), Linear.from_bytes(z.read("role.npz")), params, meta)

    # -- cues ------------------------------------------------------------
    def cues(self, tb: Table, cache: dict | None = None) -> list[tuple[Cue, float]]:
        toks = [i for i in range(tb.n) if not tb.space[i]]
        if not toks:
            return []
        if cache is not None and "cue" in cache:
            P = cache["cue"]
        else:
            P = self.cue.proba(hash_features((tb.cue_features(i) for i in toks), self.cue.bits))
            if cache is not None:
                cache["cue"] = P
        logp = np.log(P + 1e-9)
        logp[:, 0] -= self.params.cue_bias
        out = []
        for a, b in bio_spans(logp):
            span = [toks[j] for j in range(a, b)]
            if all(tb.punct[i] for i in span):
                continue
            out.append((tb.make_cue(span), float(P[a, 1])))
        return out

    # -- roles -----------------------------------------------------------
    def roles(self, tb: Table, cue: Cue, cache: dict | None = None) -> Found:
        key = tuple(cue.tokens)
        if cache is not None and key in cache:
            toks, P = cache[key]
        else:
            toks, feats = tb.role_instances(cue)
            P = self.role.proba(hash_features(feats, self.role.bits)) if toks else None
            if cache is not None:
                cache[key] = (toks, P)
        f = Found(cue)
        if not toks:
            return f
        prm = self.params
        s_src = log_odds(P[:, 1]) + prm.source_bias
        cue_set = set(cue.tokens)
        # a run never crosses the cue: break where the window jumps over a cue token
        breaks = {k for k in range(1, len(toks)) if any(j in cue_set for j in range(toks[k - 1] + 1, toks[k]))}
        a, b, sc = best_run(list(s_src), breaks)
        if b > a:
            f.source = toks[a:b]
            f.source_score = sc
        src = set(f.source)
        s_con = log_odds(P[:, 2]) + prm.content_bias
        s_con = np.where([t in src for t in toks], 0.0, s_con)
        a, b, sc = best_run(list(s_con))
        if b > a:
            keep = [k for k in range(a, b) if toks[k] not in src]
            # cut the cue's own clause out: tokens next to the cue or source the model does not see as content
            blocked = cue_set | src
            changed = True
            kept = set(keep)
            while changed:
                changed = False
                for k in list(kept):
                    t = toks[k]
                    near = (t - 1 in blocked or t + 1 in blocked or (k > 0 and toks[k - 1] in blocked) or (k + 1 < len(toks) and toks[k + 1] in blocked))
                    if near and s_con[k] < prm.cut_bias and not tb.punct[t]:
                        kept.discard(k)
                        blocked.add(t)
                        changed = True
            f.content = [toks[k] for k in sorted(kept)]
            f.content_score = sc
        return f

    def predict(self, tb: Table, cache: dict | None = None) -> list[Found]:
        """Every attribution found; ``cache`` (a dict kept per article) lets decoding
        settings be tried again without running the taggers again."""
        found = []
        for cue, p in self.cues(tb, cache):
            f = self.roles(tb, cue, cache)
            f.cue_p = p
            found.append(f)
        # reported speech inside another attribution's content is not annotated on its own
        owned = {}
        for f in found:
            for t in f.content:
                owned[t] = f
        return [f for f in found if not any(owned.get(t) not in (None, f) for t in f.cue.tokens)]
