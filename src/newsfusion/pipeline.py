"""The document pipeline: a registry of stages and a runner.

A stage is a callable ``(Doc) -> Doc`` registered with :func:`stage`, declaring
the ``Doc`` fields it ``requires`` and the ones it ``assigns``. A
:class:`Pipeline` checks the order before it runs anything, runs the spaCy
stage in batches (``nlp.pipe``) and the others doc by doc, and records in
``Doc.provenance`` which stage (and version) added what.

Built-in stages register themselves the same way a third-party stage would,
and third-party stages can be added through the ``newsfusion.stages`` entry
point group. A stage function may carry ``batch`` (run on a whole batch instead
of doc by doc) and ``finish`` (run on the batch once every stage is done: the
spaCy stage hands back spaCy's own Doc there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .config import settings
from .errors import InputError, PipelineError
from .model import Article, Doc

StageFn = Callable[[Doc], Doc]


@dataclass(frozen=True)
class StageInfo:
    name: str
    func: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    version: str


_REGISTRY: dict[str, StageInfo] = {}

# The default order of the built-in document stages.
DEFAULT_STAGES = ("nlp", "entities", "times", "claims", "events", "relations", "contradictions")


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (), version: str = "1"):
    """Register a document stage.

    Example::

        @stage("shouting", requires=["sentences"], assigns=["warnings"])
        def shouting(doc: Doc) -> Doc:
            ...
            return doc
    """

    def deco(func: StageFn) -> StageFn:
        _REGISTRY[name] = StageInfo(name, func, tuple(requires), tuple(assigns), version)
        return func

    return deco


def _load_builtin() -> None:
    # Importing the modules registers their stages.
    from importlib import metadata

    from . import stages  # noqa: F401

    try:
        eps = metadata.entry_points(group="newsfusion.stages")
    except Exception:  # pragma: no cover - broken metadata
        eps = ()
    for ep in eps:
        if ep.name not in _REGISTRY:
            ep.load()


def get_stage(name: str) -> StageInfo:
    _load_builtin()
    if name not in _REGISTRY:
        raise PipelineError(
            "E101",
            f"unknown stage {name!r}",
            f"choose from: {', '.join(sorted(_REGISTRY))}",
        )
    return _REGISTRY[name]


def registered_stages() -> dict[str, StageInfo]:
    _load_builtin()
    return dict(_REGISTRY)


def too_long(article: Article, path: str | None = None) -> InputError | None:
    """E212 when the article is longer than ``NEWSFUSION_MAX_CHARS`` (default 1,000,000,
    spaCy's own limit), else None. Checked before any stage runs: the readers refuse such
    an article, ``KnowledgeBase.ingest`` reports it and ``Pipeline.pipe`` raises it."""
    limit = settings().max_chars
    n = len(article.text)
    if n <= limit:
        return None
    return InputError(
        "E212",
        f"article too long: {n:,} characters, the limit is {limit:,}",
        "split it into articles, or raise NEWSFUSION_MAX_CHARS",
        path=path or article.source_path,
    )


_SETTLED = False


def _settle() -> None:
    """After the first batch in a process: the models, gazetteers and lexicons it loaded
    stay for the life of the process, so they are moved out of the cycle collector's way
    (``gc.freeze``). Its full collections then scan what the articles allocate, not the
    half a million objects of the models each time (measured: 2 ms an article)."""
    global _SETTLED
    if not _SETTLED:
        _SETTLED = True
        import gc

        gc.freeze()


# Fields that exist on a fresh Doc.
_INITIAL = {"article", "doc_id"}


class Pipeline:
    """Runs articles through the document stages.

    Example::

        pipe = Pipeline()
        for doc in pipe.pipe(articles):
            print(doc.doc_id, len(doc.events))
    """

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, *, batch_size: int = 16):
        self.stages = [get_stage(n) for n in stages]
        self.batch_size = batch_size
        self._check_order()

    def _check_order(self) -> None:
        have = set(_INITIAL)
        for st in self.stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise PipelineError(
                    "E102",
                    f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage assigns",
                    "put the stage that assigns it first",
                )
            have.update(st.assigns)

    @property
    def version(self) -> str:
        from . import __version__

        return __version__ + "+" + ",".join(f"{s.name}.{s.version}" for s in self.stages)

    def __call__(self, article: Article, doc_id: str | None = None) -> Doc:
        return next(iter(self.pipe([article], doc_ids=[doc_id] if doc_id else None)))

    def pipe(self, articles: Iterable[Article], doc_ids: Iterable[str] | None = None) -> Iterator[Doc]:
        """Stream ``Doc`` objects, batching the spaCy stage.

        An article longer than ``NEWSFUSION_MAX_CHARS`` raises InputError E212
        before any stage runs on it (:func:`too_long`)."""
        ids = iter(doc_ids) if doc_ids is not None else None
        batch: list[Doc] = []
        for art in articles:
            error = too_long(art)
            if error is not None:
                raise error
            batch.append(Doc(art, doc_id=next(ids) if ids else ""))
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, docs: list[Doc]) -> list[Doc]:
        for st in self.stages:
            batch_fn = getattr(st.func, "batch", None)
            if batch_fn is not None:
                docs = batch_fn(docs)
            else:
                docs = [self._run_one(st, d) for d in docs]
            for d in docs:
                d.provenance[st.name] = st.version
        for st in self.stages:
            finish = getattr(st.func, "finish", None)
            if finish is not None:
                finish(docs)
        _settle()
        return docs

    @staticmethod
    def _run_one(st: StageInfo, doc: Doc) -> Doc:
        """Run one stage on one doc. A stage that fails on an article does not lose
        the article: the failure is kept in ``doc.warnings`` and later stages run on
        what there is (``NEWSFUSION_STRICT=1`` raises instead, as the tests do)."""
        try:
            out = st.func(doc)
        except PipelineError:
            raise
        except Exception as exc:
            if settings().strict:
                raise
            doc.warnings.append(f"stage {st.name!r} failed on this article: {type(exc).__name__}: {exc}")
            return doc
        if not isinstance(out, Doc):
            raise PipelineError(
                "E103",
                f"stage {st.name!r} returned {type(out).__name__}, not a Doc",
                "make the stage function end with 'return doc'",
            )
        return out
