package dev.leadbase.companies.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Company domains as stored and matched: lower-case bare host names. */
public final class Domains {
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private Domains() {
    }

    /** The bare host name of a domain or URL ({@code https://www.Example.com/} is {@code example.com}), if it is one. */
    public static Optional<String> normalise(String raw) {
        String d = raw.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith("http://") || d.startsWith("https://")) {
            try {
                d = URI.create(d).getHost();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (d == null) {
                return Optional.empty();
            }
        }
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return DOMAIN.matcher(d).matches() ? Optional.of(d) : Optional.empty();
    }
}
