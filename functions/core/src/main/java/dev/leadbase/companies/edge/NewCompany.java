package dev.leadbase.companies.edge;

import dev.leadbase.shared.http.BodyReader;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A valid {@code POST /api/v2/companies} body: a name, and a normalised domain and the other fields when given. */
public record NewCompany(String name, String domain, String website, String industry, String size, String description) {
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    /** Reads and validates the body, reporting every problem in one 400. */
    public static NewCompany read(BodyReader body) {
        String name = body.requiredString("name");
        if (name != null && (name.isBlank() || name.trim().length() > 200)) {
            body.invalid("name", "Must be 1 to 200 characters");
        }
        String domain = body.string("domain").map(d -> normaliseDomain(d).orElseGet(() -> {
            body.invalid("domain", "Must be a domain name such as example.com");
            return null;
        })).orElse(null);
        String website = body.string("website").map(String::trim).orElse(null);
        if (website != null && (website.length() > 500 || !url(website))) {
            body.invalid("website", "Must be an http(s) URL");
        }
        String industry = text(body, "industry", 100);
        String size = text(body, "size", 50);
        String description = text(body, "description", 5000);
        body.done();
        return new NewCompany(name.trim(), domain, website, industry, size, description);
    }

    /** The bare host name of a domain or URL ({@code https://www.Example.com/} is {@code example.com}), if it is one. */
    static Optional<String> normaliseDomain(String raw) {
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

    private static String text(BodyReader body, String name, int max) {
        String v = body.string(name).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (v != null && v.length() > max) {
            body.invalid(name, "Must be at most " + max + " characters");
        }
        return v;
    }

    private static boolean url(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
