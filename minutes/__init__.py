"""minutes: Chinese meeting minutes into a tracked action list."""
__version__ = "0.1.0"
