import pickle
from typing import ClassVar

import pytest

from rasad.errors import PipelineError
from rasad.model import Article
from rasad.pipeline.base import Pipeline, Step
from rasad.pipeline.executor import LocalExecutor
from rasad.pipeline.steps import CleanStep, SentenceStep, text_pipeline


class Upper(Step):
    name = "upper"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"text"})

    def process(self, article: Article) -> Article:
        return article.evolve(text=article.raw.upper())


class NeedsEntities(Step):
    name = "needs-entities"
    requires: ClassVar[frozenset[str]] = frozenset({"entities"})


def test_pipeline_checks_what_steps_need() -> None:
    with pytest.raises(PipelineError, match="E010"):
        Pipeline([Upper(), NeedsEntities()])
    with pytest.raises(PipelineError, match="text"):
        Pipeline([SentenceStep()])


def test_pipeline_runs_steps_in_order() -> None:
    out = list(Pipeline([Upper()]).run([Article.from_raw("ab"), Article.from_raw("cd")]))
    assert [a.text for a in out] == ["AB", "CD"]


def test_steps_and_pipelines_pickle() -> None:
    pipeline = text_pipeline(lemmas=True)
    pipeline.process(Article.from_raw("رئیسجمهور گفت."))  # resources loaded
    clone = pickle.loads(pickle.dumps(pipeline))
    assert [type(s) for s in clone.steps] == [type(s) for s in pipeline.steps]
    assert len(pickle.dumps(CleanStep())) < 200


def test_shard_takes_every_nth_article() -> None:
    articles = [Article.from_raw(str(i)) for i in range(10)]
    ex = LocalExecutor(Pipeline([Upper()]))
    assert [a.raw for a in ex.run_shard(articles, rank=1, world_size=3)] == ["1", "4", "7"]


def test_several_processes_give_the_same_result() -> None:
    raws = [f"خبر شماره {i}: رئیسجمهور روز چهارشنبه گفت که میآید." for i in range(40)]
    pipeline = text_pipeline()
    one = list(LocalExecutor(pipeline, workers=1).run(Article.from_raw(r) for r in raws))
    two = list(
        LocalExecutor(pipeline, workers=2, batch_size=7).run(Article.from_raw(r) for r in raws)
    )
    assert one == two
    assert [a.raw for a in two] == raws
