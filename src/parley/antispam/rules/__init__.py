"""Anti-spam rules, one module per family; each `@rule` returns a Hit with a concrete reason.

Modules are imported by `parley.antispam.pipeline.load_rules()` from the list in settings
(PARLEY_ANTISPAM["rule_modules"]), never here, so importing a family has no side effects on
the others.
"""
