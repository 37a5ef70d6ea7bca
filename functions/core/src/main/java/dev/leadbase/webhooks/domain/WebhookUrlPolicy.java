package dev.leadbase.webhooks.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks may go (SSRF): a subscription's URL when it is created or changed, and the address its host resolves
 * to at every delivery. On AWS only {@code https} URLs with a host and no user info, and never an address that is not
 * public (private, loopback, link-local, unique-local, CGNAT, {@code 0.0.0.0/8}, multicast, reserved, the cloud
 * metadata addresses), whether written in the URL or resolved. Locally ({@code ./leadbase serve} and the tests) also
 * {@code http(s)://127.0.0.1[:port]} and {@code http(s)://localhost[:port]}, so that a receiver on the same machine works.
 * A host name is not resolved here when a URL is checked: what it resolves to is checked at delivery, every time.
 */
public final class WebhookUrlPolicy {
    public static final int MAX_URL_LENGTH = 2048;
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    /** A last label that URL parsers and resolvers read as a number (an IPv4 address in another notation). */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");
    private static final Pattern HOST_NAME = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.?");

    private static final String NOT_PUBLIC =
            "Must not be a private, loopback, link-local, multicast, reserved or metadata address";
    private final boolean local;

    /** {@code local}: the local runtime, where loopback receivers are allowed. */
    public WebhookUrlPolicy(boolean local) {
        this.local = local;
    }

    public boolean local() {
        return local;
    }

    /** What is wrong with {@code url} as a webhook address, or empty when it may be used. */
    public Optional<String> problem(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.of("Must be an https URL");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("Must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("Must be a valid absolute URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(local ? "Must be an https URL (or http://127.0.0.1 or http://localhost locally)"
                    : "Must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("Must not contain user info (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("Must not contain a fragment (#...)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("Must have a host");
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean loopbackName = isLocalReceiver(host);
        if (local && loopbackName) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of(local ? "Must be an https URL (http only to 127.0.0.1 or localhost locally)"
                    : "Must be an https URL");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Optional.of("Must not name a loopback host");
        }
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            // a loopback receiver is named 127.0.0.1 or localhost (above); any other literal must be public
            return publicAddress(literal.get()) ? Optional.empty() : Optional.of(NOT_PUBLIC + " (" + host + ")");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (NUMERIC_LABEL.matcher(last).matches() || !HOST_NAME.matcher(host).matches()) {
            return Optional.of("Must name a host by a DNS name or a dotted IPv4 or bracketed IPv6 address");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with delivering to {@code address} (a URL's literal host, or what its host name resolved to just
     * before a delivery), or empty when it is a public address (or, locally, a loopback one).
     */
    public Optional<String> problem(InetAddress address) {
        if (local && address.isLoopbackAddress()) {
            return Optional.empty();
        }
        return publicAddress(address) ? Optional.empty()
                : Optional.of(NOT_PUBLIC + " (" + address.getHostAddress() + ")");
    }

    /** Whether a delivery may connect to {@code address}. */
    public boolean allows(InetAddress address) {
        return problem(address).isEmpty();
    }

    private static boolean isLocalReceiver(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1");
    }

    /** The address a host written as an IP literal names (no DNS lookup), or empty for a host name. */
    private static Optional<InetAddress> literal(String host) {
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        if (!v6 && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.empty();
        }
        String text = v6 ? host.substring(1, host.length() - 1) : host;
        if (v6 && !text.matches("[0-9a-f:.]+")) {
            return Optional.empty(); // a zone id or anything else: not a literal this policy accepts
        }
        try {
            return Optional.of(InetAddress.getByName(text)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean publicAddress(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return publicV4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) {
                return false; // fc00::/7 unique local, fd00:ec2::254 (the EC2 metadata service over IPv6) among them
            }
            if (first == 0xFE && (b[1] & 0xC0) == 0xC0) {
                return false; // fec0::/10 site-local (deprecated)
            }
            if (allZero(b, 0, 12)) {
                return publicV4(slice(b, 12)); // ::a.b.c.d, IPv4-compatible
            }
            if ((b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                    && allZero(b, 4, 12)) {
                return publicV4(slice(b, 12)); // 64:ff9b::/96, NAT64 of an IPv4 address
            }
            if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
                return publicV4(slice(b, 2)); // 2002::/16, 6to4 of an IPv4 address
            }
            if ((b[0] & 0xFF) == 0x01 && allZero(b, 1, 8)) {
                return false; // 100::/64 discard-only
            }
            if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
                return false; // 2001:db8::/32 documentation
            }
            return true;
        }
        return false;
    }

    private static boolean publicV4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        return !(a0 == 0                                  // 0.0.0.0/8 "this network"
                || a0 == 10                               // 10/8 private
                || a0 == 127                              // 127/8 loopback
                || a0 == 100 && (a1 & 0xC0) == 64         // 100.64/10 CGNAT
                || a0 == 169 && a1 == 254                 // 169.254/16 link-local, 169.254.169.254 metadata
                || a0 == 172 && (a1 & 0xF0) == 16         // 172.16/12 private
                || a0 == 192 && a1 == 0 && a2 == 0        // 192.0.0/24 protocol assignments
                || a0 == 192 && a1 == 0 && a2 == 2        // 192.0.2/24 documentation (TEST-NET-1)
                || a0 == 198 && a1 == 51 && a2 == 100     // 198.51.100/24 documentation (TEST-NET-2)
                || a0 == 203 && a1 == 0 && a2 == 113      // 203.0.113/24 documentation (TEST-NET-3)
                || a0 == 192 && a1 == 168                 // 192.168/16 private
                || a0 == 198 && (a1 & 0xFE) == 18         // 198.18/15 benchmarking
                || a0 >= 224);                            // multicast, 240/4 reserved, broadcast
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
