import os

DEFAULT_TIMEOUT = 30
RETRIES = 3


def load_config():
    config = {}
    config["debug"] = False
    return config
