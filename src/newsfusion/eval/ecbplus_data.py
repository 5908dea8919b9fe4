"""Reading ECB+: documents, event mentions in the selected sentences, gold clusters.

Event mention = a markable whose tag starts with ``ACTION_`` or ``NEG_`` and
that has token anchors. Cross-document chains: the sources of every
``CROSS_DOC_COREF`` relation with the same ``note``; within-document chains:
the sources of one ``INTRA_DOC_COREF`` relation; every other event mention is
a singleton. Only the sentences listed in ``ECBplus_coreference_sentences.csv``
are kept (Cybulska & Vossen 2015 split).
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

TOPICS = {
    "train": [1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33],
    "dev": [2, 5, 12, 18, 21, 23, 34, 35],
    "test": [36, 37, 38, 39, 40, 41, 42, 43, 44, 45],
}


@dataclass
class EcbMention:
    id: str  # "<doc>:<m_id>"
    doc: str
    tokens: tuple[int, ...]  # token positions in the document
    sentence: int
    cluster: str


@dataclass
class EcbDoc:
    name: str  # e.g. 41_1ecbplus
    topic: int
    tokens: list[str] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)
    mentions: list[EcbMention] = field(default_factory=list)  # events in selected sentences
    selected: set[int] = field(default_factory=set)

    @property
    def subtopic(self) -> str:
        return f"{self.topic}{'plus' if self.name.endswith('plus') else ''}"

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int]]]:
        """Tokens joined by spaces, sentences by newlines, with each token's character span."""
        parts: list[str] = []
        offs: list[tuple[int, int]] = []
        pos = 0
        for i, tok in enumerate(self.tokens):
            if i:
                sep = "\n" if self.sentence_of[i] != self.sentence_of[i - 1] else " "
                parts.append(sep)
                pos += 1
            offs.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
        return "".join(parts), offs


def selected_sentences(root: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def parse_doc(path: Path, topic: int, selected: set[int]) -> EcbDoc:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise InputError("E262", f"not valid XML ({e})", "restore the ECB+ file", path=str(path)) from e
    doc = EcbDoc(path.stem.replace(".xml", ""), topic, selected=selected)
    pos: dict[str, int] = {}
    for tok in root.iter("token"):
        pos[tok.get("t_id", "")] = len(doc.tokens)
        doc.tokens.append(tok.text or "")
        doc.sentence_of.append(int(tok.get("sentence", "0")))
    events: dict[str, tuple[int, ...]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        anchors = tuple(pos[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in pos)
        if anchors and (m.tag.startswith("ACTION_") or m.tag.startswith("NEG_")):
            events[m.get("m_id", "")] = anchors
    chain: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag == "CROSS_DOC_COREF":
            cid = rel.get("note", "")
        elif rel.tag == "INTRA_DOC_COREF":
            cid = f"{doc.name}:intra{rel.get('r_id')}"
        else:
            continue
        for s in rel.findall("source"):
            if s.get("m_id") in events:
                chain.setdefault(s.get("m_id", ""), cid)
    for mid, toks in sorted(events.items(), key=lambda kv: kv[1]):
        sent = doc.sentence_of[toks[0]]
        if sent in selected:
            cluster = chain.get(mid, f"{doc.name}:single{mid}")
            doc.mentions.append(EcbMention(f"{doc.name}:{mid}", doc.name, toks, sent, cluster))
    return doc


def load_split(root: Path, split: str, limit_docs: int | None = None) -> list[EcbDoc]:
    """The documents of a split's topics that have selected sentences."""
    sel = selected_sentences(root)
    docs = []
    for topic in TOPICS[split]:
        folder = root / "ECB+" / str(topic)
        for path in sorted(folder.glob("*.xml")):
            name = path.stem
            if name in sel:
                docs.append(parse_doc(path, topic, sel[name]))
    return docs if limit_docs is None else docs[:limit_docs]


def gold_clusters(docs: list[EcbDoc]) -> list[set[str]]:
    by: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for m in d.mentions:
            by[m.cluster].add(m.id)
    return list(by.values())
