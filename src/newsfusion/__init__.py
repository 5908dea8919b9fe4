"""newsfusion: turn news reports about armed conflict into a sourced knowledge base."""

__version__ = "0.1.0"

__all__ = ["Article", "Doc", "Span", "Pipeline", "stage", "__version__"]

# The public names load on first use (PEP 562), so `newsfusion --help` and the
# command line's start-up do not pay for the model and pipeline modules.
_LAZY = {"Article": "model", "Doc": "model", "Span": "model", "Pipeline": "pipeline", "stage": "pipeline"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
