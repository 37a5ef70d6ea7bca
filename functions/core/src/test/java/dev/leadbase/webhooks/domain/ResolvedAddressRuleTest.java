package dev.leadbase.webhooks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule every resolved address of a receiver is checked with before a delivery connects. */
class ResolvedAddressRuleTest {
    private static final WebhookUrlPolicy ON_AWS = new WebhookUrlPolicy(false);
    private static final WebhookUrlPolicy LOCAL = new WebhookUrlPolicy(true);

    private static Optional<String> refusal(WebhookUrlPolicy rule, String literal) throws UnknownHostException {
        return rule.problem(InetAddress.getByName(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "224.0.0.1", "255.255.255.255",
            "240.0.0.1", "198.18.0.1", "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.0.0.8", "fe80::1", "fc00::1",
            "fd00:ec2::254", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "2001:db8::1", "fec0::1"})
    void refusesEveryAddressThatIsNotPublicOnAws(String literal) throws UnknownHostException {
        assertTrue(refusal(ON_AWS, literal).isPresent(), literal + " must be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "169.253.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"})
    void acceptsPublicAddresses(String literal) throws UnknownHostException {
        assertEquals(Optional.empty(), refusal(ON_AWS, literal), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void theLocalRuntimeAcceptsLoopbackButStillRefusesPrivateAndMetadata(String loopback) throws UnknownHostException {
        assertEquals(Optional.empty(), refusal(LOCAL, loopback));
        assertTrue(refusal(LOCAL, "10.1.2.3").isPresent());
        assertTrue(refusal(LOCAL, "169.254.169.254").isPresent());
    }
}
