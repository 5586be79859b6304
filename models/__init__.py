"""The trained weights shipped with ordos_nlp.

In a checkout they live in the top-level ``models/`` folder; an installed
ordos_nlp carries them as ``ordos_nlp/models`` (``pyproject.toml`` maps the
folder there). ``ordos_nlp.entities.charner.model_path()`` finds either.
"""
