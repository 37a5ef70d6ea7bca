package dev.leadbase.scoring;

import dev.leadbase.core.auth.Principal;
import dev.leadbase.core.leads.Lead;
import java.util.Map;

/** Keys with {@code own} visibility see only the leads they own. */
final class LeadAccess {
    private LeadAccess() {
    }

    static boolean visible(Principal principal, Map<String, Object> lead) {
        return !principal.ownOnly() || principal.userId() != null && principal.userId().equals(lead.get("ownerId"));
    }

    static boolean visible(Principal principal, Lead lead) {
        return !principal.ownOnly() || lead.ownedBy(principal.userId());
    }
}
