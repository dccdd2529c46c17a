"""The data pipeline: sources -> normalise -> curate/segment -> validate -> release -> site."""
