package dev.leadbase.leads.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email syntax check and the normal form under which emails are unique in a tenant. */
public final class Emails {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");

    private Emails() {
    }

    public static boolean valid(String email) {
        return email != null && email.length() <= 254 && SHAPE.matcher(email.trim()).matches();
    }

    public static String normalise(String email) {
        return Normalizer.normalize(email.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
