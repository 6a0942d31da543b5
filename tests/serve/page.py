"""The page at `/` in headless Chromium over the DevTools protocol: type, click Speak, and
check the audio element got a valid WAV and the word highlight (from the word marks) moved.

Usage: page.py CHROMIUM HTTP_ADDR OUT_DIR   (writes OUT_DIR/page.png)
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

TEXT = "Good evening. The garage door is closed, and the alarm is set."
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
         "--window-size=900,700"]


class Tab:
    def __init__(self, ws_url):
        # No Origin header: Chromium refuses DevTools WebSockets that carry one it was not told
        # to allow (--remote-allow-origins), and websocket-client sends one by default.
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]

    def eval(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")


def main():
    chromium, http, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="sotto-chromium-")
    proc = subprocess.Popen([chromium, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            time.sleep(0.1)
        port = int(open(port_file).read().split("\n")[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        tab = Tab(page["webSocketDebuggerUrl"])
        tab.call("Page.enable")
        tab.call("Page.navigate", url=f"http://{http}/")
        for _ in range(100):
            if tab.eval("document.readyState") == "complete" and tab.eval("!!document.getElementById('speak')"):
                break
            time.sleep(0.1)
        tab.eval("(() => { const t = document.getElementById('text'); t.focus(); t.select(); })()")
        tab.call("Input.insertText", text=TEXT)
        assert tab.eval("document.getElementById('text').value") == TEXT
        rect = tab.eval("(() => { const r = document.getElementById('speak').getBoundingClientRect();"
                        " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            tab.call("Input.dispatchMouseEvent", type=kind, x=rect[0], y=rect[1], button="left", clickCount=1)
        highlighted = set()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            now = tab.eval("Array.from(document.querySelectorAll('#spoken span'))"
                           ".findIndex(s => s.classList.contains('now'))")
            if now is not None and now >= 0:
                highlighted.add(now)
            if tab.eval("document.body.dataset.done") == "1" and len(highlighted) >= 2:
                break
            if tab.eval("document.body.dataset.error"):
                break
            time.sleep(0.05)
        error = tab.eval("document.body.dataset.error || ''")
        assert not error, f"the page reported: {error}"
        check = tab.eval("""(async () => {
            const a = document.getElementById('audio');
            const buf = new Uint8Array(await (await fetch(a.src)).arrayBuffer());
            const ascii = (o, n) => String.fromCharCode(...buf.slice(o, o + n));
            const dv = new DataView(buf.buffer);
            if (!(a.duration > 0)) await new Promise(r => { a.onloadedmetadata = r; a.load(); });
            return {riff: ascii(0, 4), wave: ascii(8, 4), data: ascii(36, 4), dataBytes: dv.getUint32(40, true),
                    length: buf.length, rate: dv.getUint32(24, true), duration: a.duration,
                    samples: Number(document.body.dataset.samples)};
        })()""")
        shot = tab.call("Page.captureScreenshot", format="png")
        png = os.path.join(out, "page.png")
        with open(png, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        assert (check["riff"], check["wave"], check["data"]) == ("RIFF", "WAVE", "data"), check
        assert check["dataBytes"] == check["length"] - 44 == 2 * check["samples"] > 0, check
        assert abs(check["duration"] - check["samples"] / check["rate"]) < 0.01, check
        assert len(highlighted) >= 2, f"the highlight did not move (spans lit: {sorted(highlighted)})"
        print(f"page: {check['duration']:.2f} s WAV in the audio element, highlight moved over "
              f"{len(highlighted)} words; screenshot {png}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
