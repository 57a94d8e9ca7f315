import os

DEFAULT_TIMEOUT = 60
RETRIES = 3


def load_config():
    config = {}
    config["debug"] = True
    return config
