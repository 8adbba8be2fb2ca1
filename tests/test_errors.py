"""Errors carry their category (HTTP status, fatal or per input) on themselves."""
from __future__ import annotations

import pytest

from dossier.errors import E, Category, DossierError, NotFound


def _codes():
    return {k: v for k, v in vars(E).items() if k.startswith("E") and k[1:].isdigit()}


def test_every_code_has_a_category_and_a_unique_code():
    codes = _codes()
    assert all(name == code[0] and isinstance(code[2], Category) for name, code in codes.items())
    assert len({c[0] for c in codes.values()}) == len(codes)


@pytest.mark.parametrize("code, status, fatal", [
    (E.E103, 400, False), (E.E107, 413, False), (E.E202, 404, False),
    (E.E204, 500, False), (E.E300, 500, False),  # our failure, not a bad request
    (E.E301, 500, True), (E.E200, 500, True), (E.E303, 500, True), (E.E400, 403, False),
])
def test_status_and_fatal_come_with_the_code(code, status, fatal):
    err = DossierError(code, detail="x", model="m", size=1, limit=1)
    assert (err.status, err.fatal) == (status, fatal)


def test_fatal_is_a_flag_not_a_message_field():
    err = DossierError(E.E300, detail="cannot load the pipeline", fatal=True)
    assert err.fatal and "fatal" not in err.fields and err.status == 500
    from dossier.pipeline import _fatal
    assert _fatal(err) and not _fatal(DossierError(E.E300, detail="one bad file"))


def test_one_not_found_error():
    for kind, code in [("document", "E202"), ("entity", "E203"), ("event", "E205"),
                       ("claim", "E205")]:
        err = NotFound(kind, "x1")
        assert isinstance(err, DossierError) and isinstance(err, LookupError)
        assert (err.code, err.status) == (code, 404) and "x1" in str(err)
    assert "`dossier timeline`" in str(NotFound("event", "evt_1"))


def test_the_api_answers_with_the_errors_own_status():
    from dossier.api.errors import ApiError
    assert ApiError.from_dossier(DossierError(E.E204, detail="disk full")).status == 500
    assert ApiError.from_dossier(NotFound("claim", "c")).status == 404
