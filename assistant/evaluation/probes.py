"""Blind probe sets: report excerpts written by people who read no audit code, each with a key written first.

A set lives in ``eval_data/probes_s*/<set>/``: the texts (``NN_slug.txt``), the writer's own ``KEY.md`` and
``FIRST_RUN.md``, and ``key.yaml``, the key transcribed for machines (per file: ``clean``, and for a planted
contradiction its ``slip`` and ``anchors``, exact substrings that occur once in the text). Each planted file is
read as one contradiction of kind "planted", so the real corpus's scoring (``real_corpus.evaluate``) scores it:
caught when a warning or error points at one of its anchors.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .real_corpus import Contradiction, RealText

KEY = "key.yaml"


def probe_sets(root: Path) -> list[Path]:
    """The probe-set folders under ``root`` (``eval_data``), oldest session first."""
    return sorted(p.parent for p in root.glob(f"probes_s*/*/{KEY}"))


def load_probe_set(folder: Path) -> list[RealText]:
    """The texts of one probe set, each with its key as a corpus text (one planted contradiction, or clean)."""
    key = yaml.safe_load((folder / KEY).read_text(encoding="utf-8")) or {}
    texts = []
    for name, entry in sorted((key.get("files") or {}).items()):
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        clean = bool(entry.get("clean"))
        planted = (
            ()
            if clean
            else (Contradiction("planted", "planted", tuple(entry.get("anchors") or ()), "planted"),)
        )
        texts.append(RealText(f"{folder.name}/{name}", text, clean, planted, ()))
    return texts
