import os
from pathlib import Path

import pytest

# Tests never touch the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def release_corpus() -> Path:
    return FIXTURES / "release_corpus"


@pytest.fixture(scope="session")
def release_dir(tmp_path_factory, release_corpus) -> Path:
    from hadath.release import build

    out = tmp_path_factory.mktemp("release") / "release"
    build(release_corpus, out)
    return out


@pytest.fixture(scope="session")
def loaded(release_dir, tmp_path_factory):
    """Every config of the fixture release, read with load_dataset offline into a temporary cache."""
    from hadath.features import CONFIGS
    from hadath.verification import load

    cache = tmp_path_factory.mktemp("hf-cache")
    return {config: load(release_dir, config, cache) for config in CONFIGS}
