"""Dask extraction (``dossier.distributed``) gives the same records as in-process extraction."""
import pytest

from dossier.records import Document

TEXTS = [
    "President Volodymyr Zelensky met US envoy Steve Witkoff in Kyiv on Monday. "
    "\"We are ready for peace,\" Zelensky said.",
    "According to ABC News, the talks in Florida made no progress, officials said on Tuesday.",
    "Russia launched 150 drones at Ukraine overnight, the air force reported.",
    "Marco Rubio said that the United States would keep supporting Kyiv.",
    "NATO foreign ministers will meet in Brussels next week.",
]


def _docs():
    return [Document(id=f"d{i}", text=t, raw_text=t, published="2025-12-02", source="example.com")
            for i, t in enumerate(TEXTS)]


def _json(extractions):
    return [e.to_json() for e in extractions]


@pytest.fixture(scope="module")
def expected():
    from dossier.nlp import extract_documents
    return _json(extract_documents(_docs()))


def test_dask_one_worker_equals_in_process(expected):
    from dossier.distributed import extract_on_dask
    got = _json(extract_on_dask(iter(_docs()), workers=1, batch_size=2))
    assert got == expected


@pytest.mark.slow
def test_dask_two_workers_equals_in_process_and_keeps_order(expected):
    from dossier.distributed import extract_on_dask
    docs = [Document(id=f"d{i}", text=TEXTS[i % len(TEXTS)], raw_text=TEXTS[i % len(TEXTS)],
                     published="2025-12-02", source="example.com") for i in range(25)]
    got = list(extract_on_dask(iter(docs), workers=2, batch_size=1))
    assert [e.doc.id for e in got] == [d.id for d in docs]
    assert _json(got)[:len(TEXTS)] == expected


def test_batches_are_bounded_and_lazy():
    from dossier.distributed import _batches
    consumed = []

    def gen():
        for i in range(10):
            consumed.append(i)
            yield i

    it = _batches(gen(), 3)
    assert next(it) == [0, 1, 2]
    assert consumed == [0, 1, 2]
    assert list(it) == [[3, 4, 5], [6, 7, 8], [9]]


def test_bad_batch_size():
    from dossier.distributed import extract_on_dask
    with pytest.raises(ValueError):
        list(extract_on_dask([], workers=1, batch_size=0))
