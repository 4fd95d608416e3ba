# HTTPS through the standard library: http.server behind an SSLContext in
# a thread, fetched with http.client and urllib.request, with verification
# and its failure.
import http.client
import http.server
import os
import ssl
import threading
import urllib.error
import urllib.request

CERTS = os.path.join(os.path.dirname(ssl.__file__), "test", "certdata")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = ("path=%s" % self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(os.path.join(CERTS, "keycert3.pem"))
httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
httpd.socket = sctx.wrap_socket(httpd.socket, server_side=True)
port = httpd.server_address[1]
t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
t.start()

try:
    cctx = ssl.create_default_context(cafile=os.path.join(CERTS, "pycacert.pem"))
    conn = http.client.HTTPSConnection("localhost", port, context=cctx, timeout=10)
    conn.request("GET", "/first")
    r = conn.getresponse()
    print(r.status, r.reason, r.getheader("Content-Type"), r.read())
    print(conn.sock.version(), type(conn.sock).__name__)
    conn.request("GET", "/again")
    print(conn.getresponse().read())
    conn.close()

    with urllib.request.urlopen("https://localhost:%d/url?x=1" % port, context=cctx, timeout=10) as f:
        print(f.status, f.read())

    try:
        urllib.request.urlopen("https://localhost:%d/" % port, context=ssl.create_default_context(), timeout=10)
    except urllib.error.URLError as e:
        print(type(e.reason).__name__, e.reason.verify_message)

    try:
        urllib.request.urlopen("https://127.0.0.1:%d/" % port, context=cctx, timeout=10)
    except urllib.error.URLError as e:
        print(type(e.reason).__name__, e.reason.verify_message)
finally:
    httpd.shutdown()
    t.join()
    httpd.server_close()
