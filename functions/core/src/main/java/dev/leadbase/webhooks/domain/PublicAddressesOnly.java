package dev.leadbase.webhooks.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The address rule of deliveries: only public unicast addresses. Refused are the unspecified, loopback, private
 * (RFC 1918, unique-local fc00::/7), link-local (with the cloud metadata endpoints 169.254.169.254 and fd00:ec2::254),
 * shared (100.64/10), multicast, benchmarking, reserved and documentation ranges, and IPv6 forms embedding an IPv4
 * address (mapped, NAT64, 6to4) when that address is refused. The local runtime also accepts loopback, so that local
 * receivers work.
 */
public record PublicAddressesOnly(boolean allowLoopback) implements DeliveryAddressCheck {
    @Override
    public Optional<String> refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : refused(address, "loopback");
        }
        if (address instanceof Inet4Address v4) {
            return v4Refusal(v4.getAddress(), address);
        }
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return refused(address, "not unicast");
        }
        if (address.isLinkLocalAddress() || address.isSiteLocalAddress()) {
            return refused(address, "link-local or site-local");
        }
        if ((b[0] & 0xFE) == 0xFC) {
            return refused(address, "private (unique local)");
        }
        if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
            return refused(address, "documentation");
        }
        byte[] embedded = embeddedV4(b);
        if (embedded != null) {
            return v4Refusal(embedded, address);
        }
        if (address instanceof Inet6Address && b[0] == 0 && b[1] == 0) {
            // ::/16 holds the unspecified, loopback and compatibility forms: nothing a receiver lives at
            return refused(address, "reserved");
        }
        return Optional.empty();
    }

    private Optional<String> v4Refusal(byte[] b, InetAddress shown) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        if (a0 == 127) {
            return allowLoopback ? Optional.empty() : refused(shown, "loopback");
        }
        if (a0 == 0 || a0 >= 240) {
            return refused(shown, "reserved");
        }
        if (a0 >= 224) {
            return refused(shown, "multicast");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)) {
            return refused(shown, "private");
        }
        if (a0 == 169 && a1 == 254) {
            return refused(shown, "link-local or metadata");
        }
        if (a0 == 100 && (a1 & 0xC0) == 64) {
            return refused(shown, "shared (carrier-grade NAT)");
        }
        if (a0 == 198 && (a1 & 0xFE) == 18) {
            return refused(shown, "benchmarking");
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return refused(shown, "reserved or documentation");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) one. */
    private static byte[] embeddedV4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        if (zeros80 && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static Optional<String> refused(InetAddress address, String why) {
        return Optional.of("Address " + address.getHostAddress() + " is refused: " + why);
    }
}
