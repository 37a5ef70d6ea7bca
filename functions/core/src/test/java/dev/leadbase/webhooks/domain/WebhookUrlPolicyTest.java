package dev.leadbase.webhooks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a webhook may go, on AWS and locally: URLs as written, and the addresses their hosts resolve to. */
class WebhookUrlPolicyTest {
    private static final WebhookUrlPolicy AWS = new WebhookUrlPolicy(false);
    private static final WebhookUrlPolicy LOCAL = new WebhookUrlPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/leadbase", "https://hooks.example.com:8443/a?b=c",
            "HTTPS://Hooks.Example.COM/x", "https://93.184.216.34/", "https://[2606:4700::1111]/",
            "https://xn--bcher-kva.example/", "https://hooks.example.com."})
    void publicHttpsUrlsAreAcceptedEverywhere(String url) {
        assertEquals(Optional.empty(), AWS.problem(url), url);
        assertEquals(Optional.empty(), LOCAL.problem(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8085/hook", "http://localhost:9000/x", "http://localhost",
            "https://localhost/", "https://127.0.0.1/"})
    void loopbackReceiversOnlyLocally(String url) {
        assertEquals(Optional.empty(), LOCAL.problem(url), url);
        assertTrue(AWS.problem(url).isPresent(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/", "ftp://hooks.example.com/", "hooks.example.com/x", "/relative",
            "mailto:a@b.c", "https://10.0.0.1/", "https://172.31.255.255/", "https://192.168.0.1/",
            "https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/", "https://[::1]/", "https://[::]/",
            "https://0.0.0.0/", "https://0.1.2.3/", "https://100.64.0.1/", "https://100.127.255.254/", "https://224.0.0.1/",
            "https://255.255.255.255/", "https://240.0.0.1/", "https://[fe80::1]/", "https://[fc00::1]/",
            "https://[::ffff:10.0.0.1]/", "https://[::ffff:169.254.169.254]/", "https://[64:ff9b::a9fe:a9fe]/",
            "https://[2002:a9fe:a9fe::1]/", "https://[::127.0.0.1]/", "https://198.18.0.1/", "https://192.0.0.192/",
            "https://localhost.localhost/", "https://2130706433/", "https://0x7f000001/", "https://0x7f.1/",
            "https://127.1/", "https://017700000001/", "https://user:pw@hooks.example.com/", "https://@hooks.example.com/",
            "https://hooks.example.com/#x", "https://hooks.exa mple.com/", "https://hooks_example.com/", "https:///x",
            "http://[::1]:8080/", "", "https://"})
    void privateLoopbackMetadataAndMalformedUrlsAreRefusedEverywhereButLocalLoopback(String url) {
        assertTrue(AWS.problem(url).isPresent(), url);
        assertTrue(LOCAL.problem(url).isPresent(), url);
    }

    @Test
    void aUrlOfMoreThan2048CharactersIsRefused() {
        String base = "https://hooks.example.com/";
        assertEquals(Optional.empty(), AWS.problem(base + "a".repeat(2048 - base.length())));
        assertEquals(Optional.of("Must be at most 2048 characters"), AWS.problem(base + "a".repeat(2049 - base.length())));
    }

    @Test
    void resolvedAddressesAreCheckedAtDelivery() throws Exception {
        for (String refused : new String[] {"10.1.1.1", "127.0.0.1", "169.254.169.254", "fd00:ec2::254", "::1",
                "100.64.1.1", "0.0.0.0", "fe80::1", "ff02::1", "::ffff:192.168.1.1", "192.168.10.10"}) {
            InetAddress address = InetAddress.getByName(refused);
            assertFalse(AWS.allows(address), refused);
        }
        for (String ok : new String[] {"93.184.216.34", "2606:4700::1111", "8.8.8.8"}) {
            assertTrue(AWS.allows(InetAddress.getByName(ok)), ok);
            assertTrue(LOCAL.allows(InetAddress.getByName(ok)), ok);
        }
        assertTrue(LOCAL.allows(InetAddress.getByName("127.0.0.1")), "a local receiver");
        assertTrue(LOCAL.allows(InetAddress.getByName("::1")), "a local receiver over IPv6");
        assertFalse(LOCAL.allows(InetAddress.getByName("10.0.0.1")), "private stays refused locally");
        assertFalse(LOCAL.allows(InetAddress.getByName("169.254.169.254")), "metadata stays refused locally");
    }
}
