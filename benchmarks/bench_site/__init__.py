"""The Django project of the side-by-side benchmark (``benchmarks/run.py``)."""
