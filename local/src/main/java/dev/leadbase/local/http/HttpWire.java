package dev.leadbase.local.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on one connection, as far as the local API needs it: request line, headers, a body by
 * {@code Content-Length} or chunked, {@code Expect: 100-continue}, keep-alive. The request target is taken as
 * sent, never parsed as a {@link java.net.URI}, so that a malformed URL reaches the server's own error answer
 * (the JDK's server answers one with an HTML page of its own).
 */
final class HttpWire {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS_BYTES = 64 * 1024;
    /** The largest oversized body read through to answer 413; a larger one gets the connection closed. */
    static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private HttpWire() {
    }

    /** A request as read off the wire; {@code problem} is set (status and message) when it cannot be served. */
    record Request(String method, String target, String protocol, Map<String, List<String>> headers, byte[] body,
                   int problemStatus, String problem) {
        String header(String lowerCaseName) {
            List<String> values = headers.get(lowerCaseName);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        boolean keepAlive() {
            if (problem != null) {
                return false;
            }
            String connection = header("connection");
            String c = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
            return protocol.equals("HTTP/1.1") ? !c.contains("close") : c.contains("keep-alive");
        }

        String rawPath() {
            String t = originForm();
            int q = t.indexOf('?');
            return q < 0 ? t : t.substring(0, q);
        }

        String rawQuery() {
            String t = originForm();
            int q = t.indexOf('?');
            return q < 0 ? "" : t.substring(q + 1);
        }

        /** The target without a scheme and authority ({@code http://host/path} is sent to proxies). */
        private String originForm() {
            String t = target;
            int hash = t.indexOf('#');
            if (hash >= 0) {
                t = t.substring(0, hash);
            }
            if (t.startsWith("http://") || t.startsWith("https://")) {
                int slash = t.indexOf('/', t.indexOf("//") + 2);
                t = slash < 0 ? "/" : t.substring(slash);
            }
            return t;
        }
    }

    /** The next request on the connection, or null when the client has closed it. */
    static Request read(InputStream in, OutputStream out, int maxBody) throws IOException {
        String line;
        do {
            line = line(in);
            if (line == null) {
                return null;
            }
        } while (line.isEmpty());
        if (line.length() > MAX_LINE) {
            return problem(414, "Request line too long");
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            return problem(400, "Malformed request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        while (true) {
            String h = line(in);
            if (h == null) {
                return null;
            }
            if (h.isEmpty()) {
                break;
            }
            headerBytes += h.length();
            int colon = h.indexOf(':');
            if (headerBytes > MAX_HEADERS_BYTES || colon <= 0) {
                return problem(headerBytes > MAX_HEADERS_BYTES ? 431 : 400,
                        headerBytes > MAX_HEADERS_BYTES ? "Request headers too large" : "Malformed header");
            }
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        Request head = new Request(parts[0], parts[1], parts[2], headers, new byte[0], 0, null);
        String chunked = head.header("transfer-encoding");
        String length = head.header("content-length");
        long declared;
        try {
            declared = length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return problem(400, "Malformed Content-Length");
        }
        if (declared < 0) {
            return problem(400, "Malformed Content-Length");
        }
        if (declared > maxBody) {
            // read the body before answering, as a server behind a load balancer would: a client still sending it
            // when the connection closes sees a broken pipe instead of the 413
            if (declared > MAX_DRAIN_BYTES || drain(in, declared) < declared) {
                return null;
            }
            return problem(413, "Request Entity Too Large");
        }
        boolean isChunked = chunked != null && chunked.toLowerCase(Locale.ROOT).contains("chunked");
        if ((isChunked || declared > 0) && "100-continue".equalsIgnoreCase(head.header("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body;
        if (isChunked) {
            body = chunks(in, maxBody);
            if (body == null) {
                return problem(413, "Request Entity Too Large");
            }
        } else {
            body = in.readNBytes((int) declared);
            if (body.length < declared) {
                return null;
            }
        }
        return new Request(parts[0], parts[1], parts[2], headers, body, 0, null);
    }

    /** Reads and drops up to {@code bytes} bytes; returns how many there were before the stream ended. */
    private static long drain(InputStream in, long bytes) throws IOException {
        long dropped = 0;
        byte[] buffer = new byte[64 * 1024];
        while (dropped < bytes) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - dropped));
            if (n < 0) {
                break;
            }
            dropped += n;
        }
        return dropped;
    }

    private static Request problem(int status, String message) {
        return new Request("GET", "/", "HTTP/1.1", Map.of(), new byte[0], status, message);
    }

    /** A chunked body, or null past {@code maxBody}. */
    private static byte[] chunks(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("Connection closed inside a chunked body");
            }
            int semi = size.indexOf(';');
            int n;
            try {
                n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("Malformed chunk size");
            }
            if (n == 0) {
                String trailer;
                do {
                    trailer = line(in);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            if (n < 0 || body.size() + (long) n > maxBody) {
                return null;
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One line without its CRLF (or LF), as ISO-8859-1; null at the end of the stream. Stops reading at MAX_LINE. */
    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return s.isEmpty() ? null : s.toString();
            }
            if (b == '\n') {
                int end = s.length();
                if (end > 0 && s.charAt(end - 1) == '\r') {
                    s.setLength(end - 1);
                }
                return s.toString();
            }
            s.append((char) b);
            if (s.length() > MAX_LINE) {
                return s.toString();
            }
        }
    }

    /** Writes one response; a HEAD, 204 or 304 answer carries no body. */
    static void write(OutputStream out, String method, int status, List<String[]> headers, byte[] body, boolean close)
            throws IOException {
        boolean noBody = status == 204 || status == 304 || method.equalsIgnoreCase("HEAD");
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (String[] h : headers) {
            if (!h[0].equalsIgnoreCase("content-length") && !h[0].equalsIgnoreCase("connection")
                    && !h[0].equalsIgnoreCase("transfer-encoding")) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
        }
        if (status != 204 && status != 304) {
            head.append("Content-Length: ").append(noBody ? 0 : body.length).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (!noBody) {
            out.write(body);
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }
}
