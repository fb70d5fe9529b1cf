"""zhengce (政策): read Chinese government policy texts."""

__version__ = "0.1.0"
