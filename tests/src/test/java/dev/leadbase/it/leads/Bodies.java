package dev.leadbase.it.leads;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small builders of request bodies for the leads tests. */
final class Bodies {
    private Bodies() {
    }

    /** A JSON object from name/value pairs (values may be null). */
    static Map<String, Object> obj(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** A valid lead with a unique email. */
    static Map<String, Object> aLead(String email) {
        return obj("firstName", "John", "lastName", "Doe", "email", email, "company", "Tech Corp",
                "title", "Senior Software Engineer", "status", "new", "source", "linkedin");
    }
}
