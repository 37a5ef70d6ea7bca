package dev.leadbase.scoring;

import dev.leadbase.core.auth.Principal;
import java.util.Map;

/** Keys with {@code own} visibility see only the leads they own. */
final class LeadAccess {
    private LeadAccess() {
    }

    static boolean visible(Principal principal, Map<String, Object> lead) {
        return !principal.ownOnly() || principal.userId() != null && principal.userId().equals(lead.get("ownerId"));
    }
}
