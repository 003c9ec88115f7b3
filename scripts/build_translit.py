"""Build rasad's Tajik <-> Persian transliteration resources from ParsText.

Reads ../shared/data/parstext/json (or --data), trains on the train part of
the fixed split, tunes on the dev part, never reads the test part, and writes
src/rasad/resources/translit/ (joint models, word tables, ezafe weights,
META.json). One thread, a few minutes on a laptop core; the same data gives
the same files.

Usage: python scripts/build_translit.py [--order 4] [--iterations 6] [--out DIR]
"""

from __future__ import annotations

from rasad.text.translit_train import main

if __name__ == "__main__":
    main()
