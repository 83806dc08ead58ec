#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd from PyPI), on 127.0.0.1 only.

Every accepted message is written whole to DIR as NNNN.eml (the bytes after DATA), so a test can read what
arrived. Prints "ready PORT" once it listens and runs until it is killed.

  smtp-test-server.py --port 2525 --dir /tmp/mail [--starttls CERT KEY] [--smtps CERT KEY]
                      [--auth USER:PASSWORD] [--refuse-first N] [--delay SECONDS]
"""
import argparse
import asyncio
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, directory, refuse_first, delay):
        self.directory = directory
        self.refuse_left = refuse_first
        self.delay = delay
        os.makedirs(directory, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refuse_left > 0:
            self.refuse_left -= 1
            return "451 4.3.0 Tijdelijk niet beschikbaar (test)"
        count = len([n for n in os.listdir(self.directory) if n.endswith(".eml")])
        path = os.path.join(self.directory, "%04d.eml" % (count + 1))
        with open(path + ".part", "wb") as f:
            f.write(("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos))).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".part", path)
        return "250 2.0.0 Ok: opgeslagen"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth")
    p.add_argument("--refuse-first", type=int, default=0)
    p.add_argument("--delay", type=float, default=0, help="seconds before answering DATA (a slow relay)")
    a = p.parse_args()

    kwargs = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        kwargs["authenticator"] = authenticator
        kwargs["auth_require_tls"] = bool(a.starttls or a.smtps)
        kwargs["auth_required"] = True
    if a.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.starttls[0], a.starttls[1])
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = True
    if a.smtps:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.smtps[0], a.smtps[1])
        kwargs["ssl_context"] = context
        kwargs["server_hostname"] = "localhost"
    controller = Controller(Store(a.dir, a.refuse_first, a.delay), hostname="127.0.0.1", port=a.port, **kwargs)
    controller.start()
    print("ready %d" % a.port, flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
