"""The audit's checks, one concern per module; each module registers itself (``registry.check_unit``).

A module declares the codes it owns (severity, title, a bad and a good example) on its ``check(ctx)`` function
and names the other codes it reports; ``registry.load`` imports every module here the first time the audit runs,
and the engine runs what registered (``registry.units``). Each code has its cases in
``tests/fixtures/audit/<CODE>.yaml``; see CONTRIBUTING.md for adding a check.
"""
