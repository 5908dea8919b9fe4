"""PLOVER event type and mode for an ACLED sub-event type (``data/event_plover.tsv``).

The table maps every ACLED sub-event type (optionally refined by the trigger
frame, e.g. "Other" for intelligence passed -> COOPERATE, for weapons captured ->
COERCE/seize). The mode is then refined by the weapon the text names: an air
strike by a drone has mode ``drone``, an attack with machetes ``primitive``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .lexicon import DATA_PACKAGE, load_lexicon

ACLED_SUB_TYPES = (
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Violent demonstration", "Mob violence",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
)
# Weapon modes that refine ASSAULT (PLOVER manual, ASSAULT modes; FIELD.md adds aerial/drone).
ASSAULT_REFINE = {"drone": "drone", "primitive": "primitive", "firearms": "firearms"}


@lru_cache(maxsize=1)
def load_mapping() -> dict[tuple[str, str], tuple[str, str | None]]:
    try:
        text = resources.files(DATA_PACKAGE).joinpath("event_plover.tsv").read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError("E042", f"cannot read event_plover.tsv: {exc}", "restore src/newsfusion/data/event_plover.tsv") from exc
    table: dict[tuple[str, str], tuple[str, str | None]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("acled_sub_type\t"):
            continue
        cols = (line.split("\t") + ["", "", "", ""])[:4]
        sub, frame, ptype, mode = (c.strip() for c in cols)
        table[(sub, frame or "*")] = (ptype, mode or None)
    return table


def weapon_mode(weapon: str | None) -> str | None:
    """The PLOVER mode a weapon word stands for (drone, primitive, firearms, ...)."""
    if not weapon:
        return None
    w = weapon.lower()
    for mode, terms in load_lexicon().weapons.items():
        if w in terms or w.rstrip("s") in terms:
            return mode
    return None


def plover_for(sub_type: str, frame: str = "*", weapon: str | None = None) -> tuple[str | None, str | None]:
    """(PLOVER type, mode) for an ACLED sub-event type."""
    table = load_mapping()
    ptype, mode = table.get((sub_type, frame)) or table.get((sub_type, "*")) or (None, None)
    wm = weapon_mode(weapon)
    if ptype == "ASSAULT" and wm:
        if sub_type == "Air/drone strike" and wm == "drone":
            mode = "drone"
        elif mode == "firearms" and wm in ASSAULT_REFINE:
            mode = ASSAULT_REFINE[wm]
    return ptype, mode
