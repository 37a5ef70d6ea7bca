package dev.leadbase.it.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: it sends the request target, header values and body
 * bytes exactly as given (bad percent-encoding, raw non-ASCII bytes, control characters), which java.net.http
 * refuses to send, and gives up after a deadline instead of waiting for a hung server.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A request as bytes on the wire; {@code target} and header values are sent as ISO-8859-1 (one byte a char). */
    record Request(String method, String target, List<String[]> headers, byte[] body) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            String more = body != null && body.length > 300 ? "…(" + body.length + " bytes)" : "";
            StringBuilder h = new StringBuilder();
            for (String[] header : headers) {
                if (!header[0].equalsIgnoreCase("x-api-key")) {
                    h.append(' ').append(header[0]).append(": ").append(Abbrev.of(header[1], 60)).append(';');
                }
            }
            return method + " " + Abbrev.of(target, 200) + h + (text.isEmpty() ? "" : " " + Abbrev.visible(text) + more);
        }
    }

    /** What came back: a status, or {@code failure} saying why there was no HTTP answer. */
    record Response(int status, Map<String, String> headers, String body, long millis, String failure) {
        @Override
        public String toString() {
            return failure != null ? "no answer (" + failure + ") after " + millis + " ms"
                    : status + " " + headers.getOrDefault("content-type", "(no content-type)") + " " + Abbrev.of(body, 400);
        }
    }

    static Response send(int port, Request request, int timeoutMillis) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(latin1(request.method() + " " + request.target() + " HTTP/1.1\r\n"));
            head.writeBytes(latin1("Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n"));
            for (String[] header : request.headers()) {
                head.writeBytes(latin1(header[0] + ": " + header[1] + "\r\n"));
            }
            if (request.body() != null) {
                head.writeBytes(latin1("Content-Length: " + request.body().length + "\r\n"));
            }
            head.writeBytes(latin1("\r\n"));
            out.write(head.toByteArray());
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
            return read(socket.getInputStream(), started, timeoutMillis);
        } catch (SocketTimeoutException e) {
            return new Response(0, Map.of(), "", elapsed(started), "timed out after " + timeoutMillis + " ms");
        } catch (IOException e) {
            return new Response(0, Map.of(), "", elapsed(started), e.toString());
        }
    }

    private static Response read(InputStream in, long started, int timeoutMillis) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long deadline = started + timeoutMillis * 1_000_000L;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            all.write(buffer, 0, n);
            if (System.nanoTime() > deadline) {
                return new Response(0, Map.of(), "", elapsed(started), "still sending after " + timeoutMillis + " ms");
            }
        }
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return new Response(0, Map.of(), "", elapsed(started), "connection closed without an HTTP answer ("
                    + bytes.length + " bytes)");
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + "," + b);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8),
                elapsed(started), null);
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(body, at, body.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String size = new String(body, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(body, at + lineEnd + 2, length);
            at += lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Short, printable renderings of long or binary text for failure messages. */
    static final class Abbrev {
        private Abbrev() {
        }

        static String of(String text, int max) {
            String visible = visible(text);
            return visible.length() <= max ? visible : visible.substring(0, max) + "…(" + text.length() + " chars)";
        }

        static String visible(String text) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length() && out.length() < 4000; i++) {
                char c = text.charAt(i);
                out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            return out.toString();
        }
    }
}
