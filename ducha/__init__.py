"""ducha: environmental-inspection rectification (生态环境保护督察整改), end to end."""

__version__ = "0.1.0"
