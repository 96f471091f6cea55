"""gencli: statutory reports of Chinese government agencies, written as YAML, checked, and
generated as Word (GB/T 9704-2012) and HTML."""

__version__ = "0.1.0"
