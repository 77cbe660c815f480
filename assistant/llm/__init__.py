"""The model connection for drafting: settings (``settings``), retries and the call budget (``retry``),
Jinja prompt files (``prompts``) and the one small chat interface (``client``).

Nothing in the core imports this package; ``assistant.drafting.llm`` imports it lazily, and only
``client`` loads langchain (inside functions), so ``jixiao check`` never pays for it.
"""
