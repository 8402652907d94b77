"""Coverage-guided fuzzing of the readers and cleaning with atheris (optional: pip install atheris==3.0.0).

    python benchmarks/fuzz_atheris.py -atheris_runs=20000 [corpus_dir]

The first two bytes of each input pick the format and how it is read (file, .gz, no suffix,
stdin); the rest is the content. Any exception or malformed result stops the run with the input
saved (libFuzzer's crash-* file). benchmarks/fuzz_readers.py is the seeded, dependency-free fuzzer.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

with atheris.instrument_imports(include=["storyline"]):
    import storyline.ingest.readers  # noqa: F401
    import storyline.stages  # noqa: F401

_spec = importlib.util.spec_from_file_location("fuzz_readers", HERE / "fuzz_readers.py")
assert _spec and _spec.loader
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz_readers"] = fuzz
_spec.loader.exec_module(fuzz)

HOWS = ("file", "gz", "nosuffix", "stdin")
WORKDIR = Path(tempfile.mkdtemp(prefix="storyline-atheris-"))


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    kind = fuzz.KINDS[data[0] % len(fuzz.KINDS)]
    how = HOWS[data[1] % len(HOWS)]
    payload = data[2:]
    if how == "gz":
        import gzip

        payload = gzip.compress(payload)
    fuzz.check_input(kind, payload, how, WORKDIR)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
