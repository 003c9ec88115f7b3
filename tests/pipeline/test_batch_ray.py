"""The batch on a local Ray instance: the same bytes as the local engine, the same failures."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasad.pipeline.base import Pipeline
from rasad.pipeline.batch import run_batch
from rasad.pipeline.shard import LOG
from rasad.pipeline.steps import CleanStep
from tests.pipeline.test_batch import Crash, Explode, failing_inputs, parquet_bytes, write_shards

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module", autouse=True)
def ray_instance() -> Iterator[None]:
    """One instance for the module (it takes seconds to start), on the loopback interface."""
    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        logging_level=logging.WARNING,
    )
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    write_shards(folder)
    return folder


def test_ray_writes_the_same_bytes_as_the_local_engine(shards: Path, tmp_path: Path) -> None:
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert run_batch([str(shards)], str(local), workers=1).ok
    report = run_batch([str(shards)], str(on_ray), engine="ray", workers=2)
    assert report.ok and len(report.done) == 4
    assert parquet_bytes(on_ray) == parquet_bytes(local)
    assert ray.is_initialized()  # an instance the caller started is left running
    again = run_batch([str(shards)], str(on_ray), engine="ray", workers=2)
    assert again.done == [] and len(again.skipped) == 4


def test_a_failing_shard_on_ray_is_retried_then_recorded(tmp_path: Path) -> None:
    inputs = failing_inputs(tmp_path / "in", "BOOM")
    pipeline = Pipeline([Explode(), CleanStep()])
    report = run_batch(inputs, str(tmp_path / "out"), engine="ray", retries=1, pipeline=pipeline)
    assert len(report.done) == 2 and report.retried == 1
    (failed,) = report.failed
    assert "cannot analyse this article" in report.failed[failed]


def test_a_ray_worker_that_dies_fails_only_its_shard(tmp_path: Path) -> None:
    inputs = failing_inputs(tmp_path / "in", "CRASH")
    out = tmp_path / "out"
    pipeline = Pipeline([Crash(), CleanStep()])
    report = run_batch(inputs, str(out), engine="ray", retries=1, pipeline=pipeline)
    assert len(report.done) == 2
    (failed,) = report.failed
    assert report.failed[failed].startswith("worker lost")
    assert "worker lost" in (out / "shards" / failed / LOG).read_text(encoding="utf-8")
