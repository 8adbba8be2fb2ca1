"""Fixtures of the nlp tests. ``run``: a text through the full pipeline (published on a
fixed day), giving the doc and its statements; event tests read the doc's events as rows
of names (``nlp_helpers.event_rows``) through their own ``run``; time tests define their own."""
import pytest


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published="2025-03-04"):
        doc = nlp.make_doc(text)
        doc._.published = published
        doc = nlp(doc)
        return doc, doc._.statements
    return _run
