"""The eval extra: scipy, imported only when a scorer needs it.

``pip install newsfusion`` leaves scipy out (it serves only the benchmark scorers:
CEAF-e's cluster alignment and the ECB+ linkage); a scorer that needs it calls
``require("scipy.optimize")`` and gets the module, or E045 naming the extra.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import ConfigError


def require(module: str) -> ModuleType:
    """Import ``module`` from the eval extra, or raise E045 with the install line."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ConfigError(
            "E045", f"this scorer needs the Python package {module.split('.')[0]!r}, which is not installed",
            "pip install 'newsfusion[eval]'",
        ) from None
