package dev.leadbase.it.hostile;

import dev.leadbase.it.hostile.Contract.Operation;
import dev.leadbase.it.hostile.Lane.Actor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hostile request derived from the contract and what must come back.
 *
 * @param group    the class of attack, for the report (access, path, query, cursor, header, body-field, body-syntax, method)
 * @param path     raw path segments replacing path parameters (already percent-encoded as sent); others name the lane's
 *                 resources
 * @param query    the raw query string, or null; {@code ${cursor:<how>}} placeholders are filled at run time
 * @param body     the body text with {@code ${kind}} placeholders for the lane's ids, or null for no body
 * @param fresh    name new resources in the path (the request may destroy what it names)
 */
record HostileCase(Operation op, String group, String label, Actor actor, Map<String, String> path, String query,
                   List<String[]> headers, String body, boolean fresh, Expect expect) {

    String name() {
        return op.route() + " · " + group + " · " + label;
    }

    /**
     * What the answer must be, beyond what every answer must be (no 5xx, JSON, documented status, code of its status).
     *
     * @param statuses     allowed statuses; empty: any the operation documents
     * @param param        a name that must appear under {@code details.invalidParams}
     * @param field        a name that must appear under {@code details.invalidFields}
     * @param itemIndex    for {@code x-leadbase-item-results} routes: the item that may be reported invalid in a 200
     * @param namesVictim  the request names a resource of the victim, so it must not succeed
     * @param documented   the status must be one the operation documents (false for 405 on an undocumented method)
     */
    record Expect(Set<Integer> statuses, String param, String field, Integer itemIndex, boolean namesVictim,
                  boolean documented) {
        static Expect anyDocumented() {
            return new Expect(Set.of(), null, null, null, false, true);
        }

        static Expect status(Integer... statuses) {
            return new Expect(Set.of(statuses), null, null, null, false, true);
        }

        Expect naming(String param) {
            return new Expect(statuses, param, field, itemIndex, namesVictim, documented);
        }

        Expect field(String field) {
            return new Expect(statuses, param, field, itemIndex, namesVictim, documented);
        }

        Expect item(Integer index) {
            return new Expect(statuses, param, field, index, namesVictim, documented);
        }

        Expect victim(boolean names) {
            return new Expect(statuses, param, field, itemIndex, names, documented);
        }

        Expect undocumented() {
            return new Expect(statuses, param, field, itemIndex, namesVictim, false);
        }
    }
}
