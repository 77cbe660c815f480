"""jixiao: 绩效自评报告助手.

Layers, in data-flow order (each imports only those before it):
``models``/``rules`` → ``scoring`` → ``facts`` → ``numbers``/``audit`` → ``drafting`` → ``render`` → ``cli``/UI.
The core never imports langchain or gradio; see ``tests/test_layering.py``.
"""

__version__ = "0.1.0"
