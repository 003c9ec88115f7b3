"""Ray as a batch engine: each shard is one Ray task.

`RayEngine` attaches to a running cluster (`address`: `auto` on a node of
the cluster, `ray://HEAD:10001` from outside it) or starts a private
instance on this machine that listens on the loopback interface only, with
`workers` CPUs and no dashboard. If Ray is already initialised in this
process (a notebook, a test) that instance is used and left running.

The pipeline is put in the object store once; Ray keeps its worker
processes between tasks, so the models a step loads lazily load once per
worker. Ray's own retries are off: `rasad.pipeline.batch` retries a shard
itself, so a shard whose worker died counts as a failed attempt like any
other.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from rasad.pipeline.base import Pipeline
from rasad.pipeline.shard import ShardResult, ShardTask, run_shard


class RayEngine:
    shared_fate = False  # a worker that dies loses its own task only

    def __init__(
        self, pipeline: Pipeline, workers: int | None = None, address: str | None = None
    ) -> None:
        import ray

        self.started = not ray.is_initialized()
        if self.started:
            if address:
                ray.init(address=address, logging_level=logging.WARNING)
            else:
                ray.init(
                    address="local",  # a new instance, even where `ray start` ran before
                    num_cpus=workers or os.cpu_count() or 1,
                    include_dashboard=False,
                    _node_ip_address="127.0.0.1",
                    logging_level=logging.WARNING,
                )
        self.slots = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.pipeline = ray.put(pipeline)
        self.remote = ray.remote(num_cpus=1, max_retries=0)(run_shard)
        self.running: dict[Any, ShardTask] = {}

    def submit(self, task: ShardTask) -> None:
        self.running[self.remote.remote(task, self.pipeline)] = task

    def next_done(self) -> tuple[ShardTask, ShardResult | BaseException]:
        import ray

        ready, _ = ray.wait(list(self.running), num_returns=1)
        task = self.running.pop(ready[0])
        try:
            return task, ray.get(ready[0])
        except Exception as e:  # noqa: BLE001 - a lost worker or node: the shard is retried
            return task, e

    def close(self) -> None:
        import ray

        for ref in self.running:
            ray.cancel(ref, force=True)
        self.running.clear()
        if self.started:
            ray.shutdown()
