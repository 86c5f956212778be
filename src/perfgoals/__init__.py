"""perfgoals: budget performance target tables (绩效目标表) as checked YAML."""

__version__ = "0.1.0"
