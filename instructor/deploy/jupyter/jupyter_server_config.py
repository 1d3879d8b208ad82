# Jupyter server settings for the kit's live panels (JupyterLab, Voila inside it, and Jupyter Server).
#
# Put this folder on JUPYTER_CONFIG_PATH (`./kit lab` and `./kit sandbox` do; so do the tests, the
# Binder `start` script and instructor/deploy/config.yaml). Self-contained on purpose: the server
# reads it without the kit being importable.
#
# Why: Jupyter Server's kernel websocket keeps Nagle's algorithm on. After a slider step the kernel
# answers with a small "busy" message and then the panel's update; Nagle holds the update until the
# browser acknowledges "busy", which the browser delays by up to 40 ms (delayed ACK). Measured with
# a websocket client on this machine: the update arrived 44 ms after the step, 9 ms with
# TCP_NODELAY (the kernel's own work took 6 ms). See CONTRIBUTING.md, "How fast a panel answers".
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The standard kernel websocket, with TCP_NODELAY: each message leaves as soon as it is written."""

    async def connect(self):  # type: ignore[override]
        self.websocket_handler.set_nodelay(True)
        self.log.info("Kernel websocket for %s: TCP_NODELAY on (the kit's settings)", self.kernel_id)
        return await super().connect()


c = get_config()  # type: ignore[name-defined]  # noqa: F821 (provided by the config loader)
c.ServerApp.kernel_websocket_connection_class = NoDelayWebsocketConnection
c.Voila.kernel_websocket_connection_class = NoDelayWebsocketConnection
