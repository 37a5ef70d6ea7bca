package dev.leadbase.access.domain;

import dev.leadbase.access.domain.ApiKey;
import dev.leadbase.access.domain.NewApiKey;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.access.domain.Visibility;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.errors.PermissionDenied;
import dev.leadbase.leads.domain.DuplicateLead;
import dev.leadbase.leads.domain.Lead;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule of what a key may reach, for every route: leads of its own tenant, and for a key with
 * visibility {@code own} only the leads its user owns; keys of its own tenant, and for an {@code own} key only
 * its own user's. Whatever a key may not reach behaves as if it did not exist: 404 where a path names it,
 * "unknown lead" where a body names it, a 409 that does not name it.
 */
public final class AccessPolicy {
    public static final String LEAD_NOT_FOUND = "Lead not found";
    public static final String KEY_NOT_FOUND = "API key not found";

    private final Principal caller;

    private AccessPolicy(Principal caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /** The policy of one authenticated caller. */
    public static AccessPolicy of(Principal caller) {
        return new AccessPolicy(caller);
    }

    /**
     * The policy of work done later for a caller (a queued job): what a key of {@code tenantId} reaches, limited to
     * the leads of {@code ownerScope} when it is not null (see {@link #ownerScope()}).
     */
    public static AccessPolicy ofScope(String tenantId, String ownerScope) {
        return new AccessPolicy(new Principal(tenantId, ownerScope, null, Set.of(),
                ownerScope == null ? Visibility.TENANT : Visibility.OWN));
    }

    public Principal caller() {
        return caller;
    }

    public String tenantId() {
        return caller.tenantId();
    }

    /** The owner every lead this key reaches has, or null when the key sees all of its tenant's leads. */
    public String ownerScope() {
        return caller.visibility() == Visibility.OWN ? caller.userId() : null;
    }

    /** What the caller shares with every key that sees the same leads (a tenant, or a tenant's user). */
    public String scopeKey() {
        String owner = ownerScope();
        return owner == null ? caller.tenantId() : caller.tenantId() + "#user:" + owner;
    }

    /** Whether a lead of {@code tenantId} owned by {@code ownerId} is within the caller's reach. */
    public boolean reaches(String tenantId, String ownerId) {
        if (!caller.tenantId().equals(tenantId)) {
            return false;
        }
        String owner = ownerScope();
        return owner == null || owner.equals(ownerId);
    }

    public boolean reaches(Lead lead) {
        return reaches(lead.tenantId(), lead.ownerId());
    }

    /** A stored lead item under its wire names (it carries {@code tenantId} and {@code ownerId}). */
    public boolean reaches(Map<String, ?> leadItem) {
        return reaches(text(leadItem.get("tenantId")), text(leadItem.get("ownerId")));
    }

    /** The lead found, or a 404 exactly as for an id that does not exist. */
    public Lead lead(Optional<Lead> found) {
        return found.filter(this::reaches).orElseThrow(() -> new NotFound(LEAD_NOT_FOUND));
    }

    /** The lead item found, or a 404 exactly as for an id that does not exist. */
    public Map<String, Object> leadItem(Optional<Map<String, Object>> found) {
        return found.filter(this::reaches).orElseThrow(() -> new NotFound(LEAD_NOT_FOUND));
    }

    /**
     * The ids among {@code asked} the caller cannot reach, given the owner of each lead of its tenant that exists
     * ({@code ownersOfExisting}: lead id to owner id, the owner possibly null): unknown and hidden alike.
     */
    public Set<String> unreachable(Collection<String> asked, Map<String, String> ownersOfExisting) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : asked) {
            if (!ownersOfExisting.containsKey(id) || !reaches(caller.tenantId(), ownersOfExisting.get(id))) {
                out.add(id);
            }
        }
        return out;
    }

    /** A uniqueness conflict as the caller may see it: it names the existing lead only when the caller reaches it. */
    public DuplicateLead conflict(DuplicateLead conflict, Optional<Lead> existing) {
        return existing.filter(this::reaches).isPresent() ? conflict : DuplicateLead.unnamed();
    }

    /** Whether the caller may see and revoke {@code key}: a key of its tenant, and of its own user for an own key. */
    public boolean manages(ApiKey key) {
        if (!caller.tenantId().equals(key.tenantId())) {
            return false;
        }
        String owner = ownerScope();
        return owner == null || owner.equals(key.userId()) && key.visibility() == Visibility.OWN;
    }

    /** The key, or a 404 exactly as for a key id that does not exist. */
    public ApiKey key(Optional<ApiKey> found) {
        return found.filter(this::manages).orElseThrow(() -> new NotFound(KEY_NOT_FOUND));
    }

    /** An own key issues only own keys for its own user (a tenant key may issue any). */
    public void checkIssue(NewApiKey request) {
        String owner = ownerScope();
        if (owner != null && (request.visibility() != Visibility.OWN || !owner.equals(request.userId()))) {
            throw new PermissionDenied("A key with visibility 'own' can only issue 'own' keys for its own user",
                    "visibility:tenant", caller.wirePermissions());
        }
    }

    /**
     * Webhooks carry every lead of the tenant to their receiver, so only a tenant-wide key manages them (their
     * subscriptions, delivery log and replays); an {@code own} key is refused.
     */
    public void manageWebhooks() {
        if (ownerScope() != null) {
            throw new PermissionDenied("A key with visibility 'own' cannot manage webhooks: they deliver every lead "
                    + "of the tenant", "visibility:tenant", caller.wirePermissions());
        }
    }

    /** Two policies are equal when they reach the same leads. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AccessPolicy p && p.tenantId().equals(tenantId())
                && Objects.equals(p.ownerScope(), ownerScope());
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId(), ownerScope());
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
