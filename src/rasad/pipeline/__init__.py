"""The step contract and executors."""

from rasad.pipeline.base import Pipeline, Step
from rasad.pipeline.executor import LocalExecutor

__all__ = ["LocalExecutor", "Pipeline", "Step"]
