# A JupyterHub for the kit's hub tests and benchmarks/bench_class.py: one machine, loopback only.
# tests/hub/__init__.py starts it with the KIT_HUB_* variables below; nothing here is for production.
import os
from pathlib import Path

env = os.environ

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

# Hub and proxy on 127.0.0.1 only; the proxy is configurable-http-proxy from npm
# (tests/hub/package.json, installed by ./kit test into tests/hub/node_modules).
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(env["KIT_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["KIT_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['KIT_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [str(Path(__file__).parent / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.should_start = True
state = Path(env["KIT_HUB_STATE"])
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.cleanup_servers = True  # the hub stops every single-user server when it stops
c.JupyterHub.cleanup_proxy = True

# Password login: JupyterHub's dummy authenticator with a password. Since JupyterHub 5.3 that is
# SharedPasswordAuthenticator (DummyAuthenticator.password is deprecated and points to it):
# any user name, one shared password.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = env["KIT_HUB_PASSWORD"]
c.Authenticator.allow_all = True

# Each user's server runs as this Unix user from the single-user "image" (an environment made
# from environment.yml, plus jupyterhub for jupyterhub-singleuser), with its home in a
# temporary folder. The kit is not installed there: students get it with nbgitpuller.
c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(Path(env["KIT_HUB_HOMES"]) / "{username}")
image = Path(env["KIT_HUB_IMAGE"])
c.Spawner.cmd = [str(image / "bin" / "jupyterhub-singleuser")]
c.Spawner.args = [
    # Kernels talk to their server over Unix sockets in the user's runtime folder (below), not
    # TCP ports: on one machine, servers starting kernels at the same second can pick the same
    # free port (seen here with ten students: one kernel failed with "Address already in use").
    # On Kubernetes each user has a network of their own and this does not arise.
    "--KernelManager.transport=ipc",
] + (["--allow-root"] if os.geteuid() == 0 else [])  # CI runs as root
c.Spawner.default_url = "/lab"
# Nothing of the test process leaks in: no PYTHONPATH, no VIRTUAL_ENV; PATH as in the image.
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.environment = {
    "PATH": f"{image / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    # a short runtime folder per user: a Unix socket's path must stay under 108 bytes
    "JUPYTER_RUNTIME_DIR": lambda spawner: str(Path(env["KIT_HUB_RUNTIME"]) / spawner.user.name),
}
# A whole class may start at once on two cores: give servers time to come up.
c.Spawner.start_timeout = int(env.get("KIT_HUB_START_TIMEOUT", "300"))
c.Spawner.http_timeout = int(env.get("KIT_HUB_START_TIMEOUT", "300"))
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0

# The tests' and the benchmark's REST client: a service with an admin token.
c.JupyterHub.services = [{"name": "kit-tests", "api_token": env["KIT_HUB_API_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "kit-tests",
    "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"],
    "services": ["kit-tests"],
}]
