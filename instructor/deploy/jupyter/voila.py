# Voila run on its own (`./kit sandbox`) reads voila.py, not jupyter_server_config.py: the same settings.
load_subconfig("jupyter_server_config.py")  # type: ignore[name-defined]  # noqa: F821
